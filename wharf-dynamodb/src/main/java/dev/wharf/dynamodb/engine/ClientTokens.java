package dev.wharf.dynamodb.engine;

import dev.wharf.dynamodb.api.DynamoDbError;
import dev.wharf.dynamodb.api.TransactWriteItemsResponse;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * TransactWriteItems' ClientRequestTokens: what a token's transaction answered, for the idempotency window (AWS: 10
 * minutes), so that a retry with the same token and the same request gets the same answer without running again; the
 * same token with another request is IdempotentParameterMismatchException, and while the first runs,
 * TransactionInProgressException. A request is known by a SHA-256 of its parameters, not kept whole.
 *
 * <p>At most {@link #TOKENS_MAX} tokens are remembered, the oldest forgotten first beyond that (Wharf's bound: AWS
 * states none); they live in memory, so a restart forgets them. Thread-safe: one monitor guards the map.
 */
final class ClientTokens {

    static final int TOKENS_MAX = 10_000;

    /** A token's transaction: running (no response yet) or done, and when it is forgotten. */
    private record Entry(byte[] fingerprint, @Nullable TransactWriteItemsResponse response, long expiresAtMillis) {}

    private final Clock clock;
    private final long windowMillis;
    private final Map<String, Entry> tokens = new LinkedHashMap<>();

    ClientTokens(Clock clock, long windowMillis) {
        this.clock = clock;
        this.windowMillis = windowMillis;
    }

    /**
     * Begins a transaction under a token: null when it must run (the token is then held as running), or the answer of
     * the transaction that ran with it before.
     *
     * @throws dev.wharf.common.AwsException IdempotentParameterMismatchException for another request under the same
     *     token, TransactionInProgressException while the first still runs
     */
    synchronized @Nullable TransactWriteItemsResponse begin(String accountId, String token, Object request) {
        long now = clock.millis();
        expire(now);
        String key = accountId + "/" + token;
        byte[] fingerprint = fingerprint(request);
        Entry entry = tokens.get(key);
        if (entry != null) {
            if (!Arrays.equals(entry.fingerprint(), fingerprint)) {
                throw DynamoDbError.IdempotentParameterMismatch.with(
                        "The request uses the same client token as a previous, but non-identical request.");
            }
            if (entry.response() == null) {
                throw DynamoDbError.TransactionInProgress.with(
                        "The transaction with the given request token is already in progress.");
            }
            return entry.response();
        }
        tokens.put(key, new Entry(fingerprint, null, now + windowMillis));
        while (tokens.size() > TOKENS_MAX) {
            Iterator<String> oldest = tokens.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        return null;
    }

    /** Ends a token's transaction: remembers its answer, or forgets the token when it failed (null). */
    synchronized void end(String accountId, String token, @Nullable TransactWriteItemsResponse response) {
        String key = accountId + "/" + token;
        Entry entry = tokens.get(key);
        if (entry == null) {
            return;
        }
        if (response == null) {
            tokens.remove(key);
        } else {
            tokens.put(key, new Entry(entry.fingerprint(), response, entry.expiresAtMillis()));
        }
    }

    private void expire(long now) {
        Iterator<Entry> entries = tokens.values().iterator();
        while (entries.hasNext()) {
            Entry entry = entries.next();
            if (entry.expiresAtMillis() > now) {
                break; // Entries expire in the order they were made.
            }
            if (entry.response() != null) {
                entries.remove();
            }
        }
    }

    /** A digest of a request's parameters, byte arrays by their bytes. */
    static byte[] fingerprint(Object request) {
        StringBuilder text = new StringBuilder();
        write(text, request);
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static void write(StringBuilder text, @Nullable Object value) {
        switch (value) {
            case null -> text.append('~');
            case byte[] bytes ->
                text.append("b:").append(HexFormat.of().formatHex(bytes)).append(';');
            case Record record -> {
                text.append('{');
                for (RecordComponent component : record.getClass().getRecordComponents()) {
                    text.append(component.getName()).append('=');
                    write(text, read(component, record));
                }
                text.append('}');
            }
            case List<?> list -> {
                text.append('[').append(list.size()).append(':');
                list.forEach(element -> write(text, element));
                text.append(']');
            }
            case Map<?, ?> map -> {
                text.append('(').append(map.size()).append(':');
                map.forEach((key, element) -> {
                    write(text, key);
                    write(text, element);
                });
                text.append(')');
            }
            default -> {
                String shown = value.toString();
                text.append(shown.length()).append(':').append(shown);
            }
        }
    }

    private static @Nullable Object read(RecordComponent component, Record record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + component.getName(), e);
        }
    }
}
