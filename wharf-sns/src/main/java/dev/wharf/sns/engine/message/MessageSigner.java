package dev.wharf.sns.engine.message;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Signs SNS documents the way subscribers verify them: the string to sign that AWS documents, signed with the topic's
 * signature version and the signing key, in base64.
 *
 * <p>The string to sign lists name, newline, value, newline for each signed field in byte order of the names; a
 * notification signs its {@code Subject} only when it has one. It is thread-safe.
 */
final class MessageSigner {

    /** AWS writes every timestamp in UTC with exactly three fraction digits: {@code 2012-05-02T00:54:06.655Z}. */
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern(
                    "uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** Bounds {@link #recent}: about 100 bytes each. */
    static final int RECENT_MAX = 4096;

    private final SigningKeys keys;
    /** The signatures being made now, by what they sign; at most one per thread that signs. */
    private final java.util.concurrent.ConcurrentHashMap<String, java.util.concurrent.CompletableFuture<String>>
            signing = new java.util.concurrent.ConcurrentHashMap<>();
    /**
     * The signatures made last, by what they signed: every subscriber of a message gets the same document, and an RSA
     * signature costs about a millisecond, so a fan-out to N subscribers signs once, not N times. Guarded by itself.
     */
    private final java.util.LinkedHashMap<String, String> recent = new java.util.LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<String, String> eldest) {
            return size() > RECENT_MAX;
        }
    };

    MessageSigner(SigningKeys keys) {
        this.keys = keys;
    }

    static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    static String stringToSign(Notification notification) {
        StringBuilder out = new StringBuilder(256 + notification.message().length());
        field(out, "Message", notification.message());
        field(out, "MessageId", notification.messageId());
        field(out, "Subject", notification.subject());
        field(out, "Timestamp", timestamp(notification.timestamp()));
        field(out, "TopicArn", notification.topicArn());
        field(out, "Type", MessageType.Notification.name());
        return out.toString();
    }

    static String stringToSign(Confirmation confirmation) {
        StringBuilder out = new StringBuilder(512);
        field(out, "Message", confirmation.message());
        field(out, "MessageId", confirmation.messageId());
        field(out, "SubscribeURL", confirmation.subscribeUrl());
        field(out, "Timestamp", timestamp(confirmation.timestamp()));
        field(out, "Token", confirmation.token());
        field(out, "TopicArn", confirmation.topicArn());
        field(out, "Type", confirmation.type().name());
        return out.toString();
    }

    /** The base64 signature of the UTF-8 bytes of a string to sign. */
    String sign(String stringToSign, SignatureVersion version) {
        byte[] bytes = stringToSign.getBytes(StandardCharsets.UTF_8);
        String key = version.value() + ':' + digest(bytes);
        synchronized (recent) {
            String cached = recent.get(key);
            if (cached != null) {
                return cached;
            }
        }
        // A fan-out asks for the same signature from several threads at once: one signs, the others wait for it.
        java.util.concurrent.CompletableFuture<String> mine = new java.util.concurrent.CompletableFuture<>();
        java.util.concurrent.CompletableFuture<String> running = signing.putIfAbsent(key, mine);
        if (running != null) {
            return running.join();
        }
        try {
            String signature = signNow(bytes, version);
            synchronized (recent) {
                recent.put(key, signature);
            }
            mine.complete(signature);
            return signature;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            signing.remove(key, mine);
        }
    }

    /** The SHA-256 of what is signed: the key of {@link #recent}, small whatever the message's size. */
    private static String digest(byte[] bytes) {
        try {
            return Base64.getEncoder()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private String signNow(byte[] stringToSign, SignatureVersion version) {
        try {
            Signature signature = Signature.getInstance(version.algorithm());
            signature.initSign(keys.privateKey());
            signature.update(stringToSign);
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with " + version.algorithm() + ": " + e.getMessage(), e);
        }
    }

    private static void field(StringBuilder out, String name, @Nullable String value) {
        if (value != null) {
            out.append(name).append('\n').append(value).append('\n');
        }
    }
}
