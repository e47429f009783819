package dev.wharf.protocol.sigv4;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Derives SigV4 signing keys and keeps the most recently used ones, since a key changes only with its secret, day,
 * region and service, while deriving one costs four HMACs. Thread-safe.
 */
final class SigningKeys {

    /** Enough for every (key, region, service) in use on two days at once, with room to spare. */
    static final int CAPACITY = 256;

    private record Scope(String secretAccessKey, String date, String region, String service) {}

    private final Map<Scope, byte[]> keys = new LinkedHashMap<>(CAPACITY * 2, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Scope, byte[]> eldest) {
            return size() > CAPACITY;
        }
    };

    /** The signing key of a scope; the array is shared, so callers only read it. */
    byte[] key(String secretAccessKey, String date, String region, String service) {
        Scope scope = new Scope(secretAccessKey, date, region, service);
        synchronized (keys) {
            byte[] key = keys.get(scope);
            if (key != null) {
                return key;
            }
        }
        // Derived outside the lock: two threads may derive one key at once, which is harmless.
        byte[] key = derive(scope);
        synchronized (keys) {
            keys.put(scope, key);
        }
        return key;
    }

    int size() {
        synchronized (keys) {
            return keys.size();
        }
    }

    private static byte[] derive(Scope scope) {
        byte[] secret = ("AWS4" + scope.secretAccessKey()).getBytes(StandardCharsets.UTF_8);
        byte[] dateKey = hmacSha256(secret, scope.date());
        byte[] regionKey = hmacSha256(dateKey, scope.region());
        byte[] serviceKey = hmacSha256(regionKey, scope.service());
        return hmacSha256(serviceKey, "aws4_request");
    }

    static byte[] hmacSha256(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            // Every JDK provides HmacSHA256, and it takes a key of any length.
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
