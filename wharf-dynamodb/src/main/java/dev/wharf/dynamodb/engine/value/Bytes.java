package dev.wharf.dynamodb.engine.value;

import java.util.Arrays;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * An immutable byte string: the value of a B and an element of a BS, ordered as DynamoDB orders binary values, by
 * unsigned bytes.
 */
public final class Bytes implements Comparable<Bytes> {

    private static final byte[] NONE = new byte[0];

    /** The empty byte string, which DynamoDB accepts outside keys. */
    public static final Bytes EMPTY = new Bytes(NONE);

    private final byte[] bytes;

    private Bytes(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A copy of the bytes, so that the caller may go on changing its array. */
    public static Bytes copyOf(byte[] bytes) {
        return bytes.length == 0 ? EMPTY : new Bytes(bytes.clone());
    }

    /** The bytes without a copy; the caller gives the array up and must not change it again. */
    static Bytes wrap(byte[] bytes) {
        return bytes.length == 0 ? EMPTY : new Bytes(bytes);
    }

    public int length() {
        return bytes.length;
    }

    public byte byteAt(int index) {
        return bytes[index];
    }

    /** A copy of the bytes. */
    public byte[] toArray() {
        return bytes.clone();
    }

    /** The bytes themselves, for this package's writers; never changed there. */
    byte[] array() {
        return bytes;
    }

    /** True when this byte string begins with the other one. */
    public boolean startsWith(Bytes prefix) {
        return prefix.bytes.length <= bytes.length
                && Arrays.equals(bytes, 0, prefix.bytes.length, prefix.bytes, 0, prefix.bytes.length);
    }

    /** True when the other byte string occurs in this one. */
    public boolean contains(Bytes part) {
        int last = bytes.length - part.bytes.length;
        for (int start = 0; start <= last; start++) {
            if (Arrays.equals(bytes, start, start + part.bytes.length, part.bytes, 0, part.bytes.length)) {
                return true;
            }
        }
        return false;
    }

    /** The bytes in base64, as DynamoDB writes a binary value in its messages. */
    public String base64() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Override
    public int compareTo(Bytes other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof Bytes that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return base64();
    }
}
