package dev.wharf.sqs.engine;

import dev.wharf.sqs.api.MessageAttributeValue;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The MD5 digests that Amazon SQS returns and that the SDKs verify: of a body, and of a set of message attributes.
 *
 * <p>The attribute digest covers the attributes sorted by name; each contributes its name, data type, a transport byte
 * (1 for string values, 2 for binary values) and its value, every variable part preceded by its 4-byte big-endian
 * length.
 */
final class MessageAttributesMd5 {

    private static final byte TRANSPORT_STRING = 1;
    private static final byte TRANSPORT_BINARY = 2;

    private MessageAttributesMd5() {}

    static String ofBody(String body) {
        return HexFormat.of().formatHex(md5().digest(body.getBytes(StandardCharsets.UTF_8)));
    }

    /** The digest of the attributes, or null when there are none, as AWS then omits it. */
    static @Nullable String ofAttributes(Map<String, MessageAttributeValue> attributes) {
        if (attributes.isEmpty()) {
            return null;
        }
        MessageDigest digest = md5();
        for (Map.Entry<String, MessageAttributeValue> entry : new TreeMap<>(attributes).entrySet()) {
            MessageAttributeValue value = entry.getValue();
            update(digest, entry.getKey().getBytes(StandardCharsets.UTF_8));
            update(digest, value.dataType().getBytes(StandardCharsets.UTF_8));
            byte[] binary = value.binaryValue();
            if (binary != null) {
                digest.update(TRANSPORT_BINARY);
                update(digest, binary);
            } else {
                digest.update(TRANSPORT_STRING);
                String string = value.stringValue();
                update(digest, (string == null ? "" : string).getBytes(StandardCharsets.UTF_8));
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void update(MessageDigest digest, byte[] value) {
        digest.update(ByteBuffer.allocate(4).putInt(value.length).array());
        digest.update(value);
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides MD5", e);
        }
    }
}
