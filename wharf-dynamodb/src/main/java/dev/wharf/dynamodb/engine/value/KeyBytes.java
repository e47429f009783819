package dev.wharf.dynamodb.engine.value;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * The byte encodings of key values for a store's keys.
 *
 * <p>{@link #sortKey} keeps DynamoDB's order: comparing two encodings as unsigned bytes, shorter first on a tie,
 * orders them as DynamoDB orders the values (S by UTF-8 bytes, which is code point order; B by unsigned bytes; N by
 * numeric value), so a store range-scans a partition's sort keys in DynamoDB's order. An encoding of a sort key is
 * not self-delimiting: a store puts it last in its key. {@link #partitionKey} is self-delimiting (a type byte and a
 * length first), so a store may follow it with a sort key; its order is by length and then bytes, which is no
 * order DynamoDB promises for partitions anyway.
 *
 * <p>A number's sort encoding is a sign byte (0 negative, 1 zero, 2 positive) and, for nonzero numbers, the power of ten
 * of the leading digit offset into one byte (130 + exponent, covering DynamoDB's -130 .. 125) and the significant
 * digits as ASCII. Negative numbers complement both (255 - byte, '9' - digit) and end with 0xFF, so that a longer
 * magnitude sorts first, as -1.51 is below -1.5.
 */
public final class KeyBytes {

    private static final int NEGATIVE = 0;
    private static final int ZERO = 1;
    private static final int POSITIVE = 2;
    private static final int EXPONENT_OFFSET = 130;
    private static final int NEGATIVE_END = 0xFF;

    private KeyBytes() {}

    /**
     * The order-preserving encoding of a sort key value; throws IllegalArgumentException for a value that is not S,
     * N or B (the item engine checks key types first, with DynamoDB's messages).
     */
    public static byte[] sortKey(Value value) {
        return switch (value) {
            case Value.S s -> s.value().getBytes(StandardCharsets.UTF_8);
            case Value.B b -> b.value().toArray();
            case Value.N n -> number(n.value());
            default -> throw new IllegalArgumentException("a key is S, N or B, not " + value.type());
        };
    }

    /** The sort key value of an encoding that {@link #sortKey} made for a value of this type. */
    public static Value decodeSortKey(Type type, byte[] bytes) {
        return switch (type) {
            case S -> new Value.S(new String(bytes, StandardCharsets.UTF_8));
            case B -> new Value.B(Bytes.copyOf(bytes));
            case N -> new Value.N(decodeNumber(bytes, 0, bytes.length));
            default -> throw new IllegalArgumentException("a key is S, N or B, not " + type);
        };
    }

    /**
     * The self-delimiting encoding of a partition key value: its type's ordinal, its length as two bytes (DynamoDB's
     * partition keys have at most 2048), and then its sort encoding.
     */
    public static byte[] partitionKey(Value value) {
        byte[] body = sortKey(value);
        if (body.length > 0xFFFF) {
            throw new IllegalArgumentException("a partition key of " + body.length + " bytes");
        }
        byte[] out = new byte[3 + body.length];
        out[0] = (byte) value.type().ordinal();
        out[1] = (byte) (body.length >>> 8);
        out[2] = (byte) body.length;
        System.arraycopy(body, 0, out, 3, body.length);
        return out;
    }

    /** The length of the partition key encoding at the start of a store key, so a store may find the sort key after it. */
    public static int partitionKeyLength(byte[] key) {
        if (key.length < 3) {
            throw new IllegalArgumentException("not a partition key");
        }
        return 3 + (((key[1] & 0xFF) << 8) | (key[2] & 0xFF));
    }

    /** The partition key value at the start of a store key that {@link #partitionKey} began. */
    public static Value decodePartitionKey(byte[] key) {
        int length = partitionKeyLength(key);
        int ordinal = key[0] & 0xFF;
        if (length > key.length || ordinal >= Type.values().length) {
            throw new IllegalArgumentException("not a partition key");
        }
        byte[] body = new byte[length - 3];
        System.arraycopy(key, 3, body, 0, body.length);
        return decodeSortKey(Type.values()[ordinal], body);
    }

    private static byte[] number(BigDecimal value) {
        int signum = value.signum();
        if (signum == 0) {
            return new byte[] {ZERO};
        }
        BigDecimal canonical = value.stripTrailingZeros();
        String digits = canonical.unscaledValue().abs().toString();
        long exponent = Numbers.exponent(canonical);
        int exponentByte = (int) (exponent + EXPONENT_OFFSET);
        if (exponentByte < 0 || exponentByte > 0xFF) {
            throw new IllegalArgumentException("a number outside DynamoDB's range: " + value);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(digits.length() + 3);
        boolean negative = signum < 0;
        out.write(negative ? NEGATIVE : POSITIVE);
        out.write(negative ? 0xFF - exponentByte : exponentByte);
        for (int i = 0; i < digits.length(); i++) {
            char digit = digits.charAt(i);
            out.write(negative ? '0' + ('9' - digit) : digit);
        }
        if (negative) {
            out.write(NEGATIVE_END);
        }
        return out.toByteArray();
    }

    private static BigDecimal decodeNumber(byte[] bytes, int offset, int length) {
        if (length == 1 && bytes[offset] == ZERO) {
            return BigDecimal.ZERO;
        }
        if (length < 3) {
            throw new IllegalArgumentException("not a number key");
        }
        boolean negative = bytes[offset] == NEGATIVE;
        int exponentByte = bytes[offset + 1] & 0xFF;
        int exponent = (negative ? 0xFF - exponentByte : exponentByte) - EXPONENT_OFFSET;
        int end = offset + length - (negative ? 1 : 0);
        StringBuilder digits = new StringBuilder(length);
        for (int i = offset + 2; i < end; i++) {
            char digit = (char) (bytes[i] & 0xFF);
            digits.append(negative ? (char) ('0' + ('9' - digit)) : digit);
        }
        BigInteger unscaled = new BigInteger(digits.toString());
        // The digits d1 d2 ... dn stand for d1.d2...dn * 10^exponent.
        BigDecimal magnitude = new BigDecimal(unscaled, digits.length() - 1 - exponent);
        return negative ? magnitude.negate() : magnitude;
    }
}
