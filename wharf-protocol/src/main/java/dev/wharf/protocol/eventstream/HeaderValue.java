package dev.wharf.protocol.eventstream;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The value of one event-stream header, one of the ten wire types.
 *
 * <p>Byte arrays and strings hold 1 to {@value #VARIABLE_BYTES_MAX} bytes, as the format allows: AWS's Java decoder
 * (the SDK v2's) rejects an empty one, so an empty value can never be sent.
 */
public sealed interface HeaderValue {

    /** The most bytes that a byte-array or string value holds: its length prefix is a signed 16-bit count. */
    int VARIABLE_BYTES_MAX = Short.MAX_VALUE;

    /** Boolean {@code true} (type 0) or {@code false} (type 1), with no value bytes. */
    record BooleanValue(boolean value) implements HeaderValue {}

    /** A signed byte (type 2). */
    record ByteValue(byte value) implements HeaderValue {}

    /** A signed 16-bit integer (type 3). */
    record ShortValue(short value) implements HeaderValue {}

    /** A signed 32-bit integer (type 4). */
    record IntegerValue(int value) implements HeaderValue {}

    /** A signed 64-bit integer (type 5). */
    record LongValue(long value) implements HeaderValue {}

    /** A UTF-8 string (type 7) of 1 to {@value #VARIABLE_BYTES_MAX} bytes. */
    record StringValue(String value) implements HeaderValue {
        public StringValue {
            int length = utf8(value, "a string header value").length;
            if (length == 0 || length > VARIABLE_BYTES_MAX) {
                throw new IllegalArgumentException(
                        "a string header value must have 1 to " + VARIABLE_BYTES_MAX + " UTF-8 bytes, not " + length);
            }
        }
    }

    /** An instant (type 8), carried as milliseconds since the epoch: finer precision is truncated. */
    record TimestampValue(Instant value) implements HeaderValue {
        public TimestampValue {
            value = value.truncatedTo(ChronoUnit.MILLIS);
            if (value.isBefore(Instant.ofEpochMilli(Long.MIN_VALUE))
                    || value.isAfter(Instant.ofEpochMilli(Long.MAX_VALUE))) {
                throw new IllegalArgumentException(
                        "a timestamp header value must fit in 64-bit milliseconds: " + value);
            }
        }
    }

    /** A UUID (type 9), as 16 bytes, most significant first. */
    record UuidValue(UUID value) implements HeaderValue {}

    /** A byte array (type 6) of 1 to {@value #VARIABLE_BYTES_MAX} bytes; immutable, so it copies in and out. */
    final class ByteArrayValue implements HeaderValue {
        private final byte[] value;

        public ByteArrayValue(byte[] value) {
            if (value.length == 0 || value.length > VARIABLE_BYTES_MAX) {
                throw new IllegalArgumentException("a byte-array header value must have 1 to " + VARIABLE_BYTES_MAX
                        + " bytes, not " + value.length);
            }
            this.value = value.clone();
        }

        /** Returns a copy of the bytes. */
        public byte[] value() {
            return value.clone();
        }

        int length() {
            return value.length;
        }

        void writeTo(ByteBuffer out) {
            out.put(value);
        }

        @Override
        public boolean equals(@Nullable Object other) {
            return other instanceof ByteArrayValue that && Arrays.equals(value, that.value);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "ByteArrayValue[" + HexFormat.of().formatHex(value) + "]";
        }
    }

    /** A string value; the common case, since AWS's RPC headers are all strings. */
    static HeaderValue of(String value) {
        return new StringValue(value);
    }

    /**
     * Encodes {@code text} as UTF-8, refusing what has no UTF-8 form (an unpaired surrogate) instead of writing '?'.
     */
    static byte[] utf8(String text, String what) {
        try {
            ByteBuffer bytes = StandardCharsets.UTF_8
                    .newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(text));
            byte[] out = new byte[bytes.remaining()];
            bytes.get(out);
            return out;
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(what + " is not valid Unicode: it holds an unpaired surrogate", e);
        }
    }
}
