package dev.wharf.sns.engine.message;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
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

    private final SigningKeys keys;

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
        try {
            Signature signature = Signature.getInstance(version.algorithm());
            signature.initSign(keys.privateKey());
            signature.update(stringToSign.getBytes(StandardCharsets.UTF_8));
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
