package dev.wharf.sqs.engine;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/**
 * A receipt handle: which receive of which message of which queue it came from, as an opaque base64url string.
 *
 * <p>The receive count serves as the nonce: a handle whose count is below the message's current count comes from an
 * earlier receive. A checksum tells well-formed handles from made-up strings.
 */
record ReceiptHandle(long queueId, long sequence, int receiveCount) {

    private static final byte FORMAT_VERSION = 1;
    private static final int LENGTH = 1 + 8 + 8 + 4 + 4;

    String encode() {
        ByteBuffer bytes = ByteBuffer.allocate(LENGTH)
                .put(FORMAT_VERSION)
                .putLong(queueId)
                .putLong(sequence)
                .putInt(receiveCount);
        CRC32C crc = new CRC32C();
        crc.update(bytes.array(), 0, LENGTH - 4);
        bytes.putInt((int) crc.getValue());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }

    /** Reads a handle, or returns null when the string is not one that Wharf issued. */
    static @Nullable ReceiptHandle decode(@Nullable String handle) {
        if (handle == null || handle.length() > 64) {
            return null;
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(handle);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (bytes.length != LENGTH || bytes[0] != FORMAT_VERSION) {
            return null;
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, LENGTH - 4);
        ByteBuffer in = ByteBuffer.wrap(bytes, 1, LENGTH - 1);
        ReceiptHandle decoded = new ReceiptHandle(in.getLong(), in.getLong(), in.getInt());
        return in.getInt() == (int) crc.getValue() && decoded.receiveCount() > 0 ? decoded : null;
    }
}
