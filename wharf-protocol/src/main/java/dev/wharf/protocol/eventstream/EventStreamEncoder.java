package dev.wharf.protocol.eventstream;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.zip.CRC32;

/**
 * Encodes one {@link EventStreamMessage} into its wire bytes: the prelude (total length, headers length, prelude CRC),
 * the headers, the payload and the message CRC, all integers big-endian and both CRCs CRC32 (the gzip one).
 *
 * <p>Thread-safe; holds only its limits.
 */
public final class EventStreamEncoder {

    private final EventStreamLimits limits;

    public EventStreamEncoder(EventStreamLimits limits) {
        this.limits = limits;
    }

    /**
     * Encodes {@code message} into a new array of exactly its wire length.
     *
     * @throws IllegalArgumentException when the encoded headers or the payload exceed the limits
     */
    public byte[] encode(EventStreamMessage message) {
        List<byte[]> names = new ArrayList<>(message.headers().size());
        List<byte[]> strings = new ArrayList<>(message.headers().size());
        long headersLength = 0;
        for (EventStreamHeader header : message.headers()) {
            byte[] name = HeaderValue.utf8(header.name(), "a header name");
            byte[] string = header.value() instanceof HeaderValue.StringValue value
                    ? HeaderValue.utf8(value.value(), "a string header value")
                    : new byte[0];
            names.add(name);
            strings.add(string);
            headersLength += 1 + name.length + 1 + valueLength(header.value(), string);
        }
        if (headersLength > limits.headersBytesMax()) {
            throw new IllegalArgumentException("the encoded headers have " + headersLength + " bytes, more than the "
                    + limits.headersBytesMax() + " an event-stream message may have");
        }
        int payloadLength = message.payload().length;
        if (payloadLength > limits.payloadBytesMax()) {
            throw new IllegalArgumentException("the payload has " + payloadLength + " bytes, more than the "
                    + limits.payloadBytesMax() + " an event-stream message may have");
        }
        int totalLength = EventStreamMessage.OVERHEAD_BYTES + (int) headersLength + payloadLength;
        byte[] bytes = new byte[totalLength];
        ByteBuffer out = ByteBuffer.wrap(bytes);
        out.putInt(totalLength).putInt((int) headersLength);
        out.putInt((int) crc32(bytes, 0, 8));
        for (int i = 0; i < names.size(); i++) {
            byte[] name = names.get(i);
            out.put((byte) name.length).put(name);
            writeValue(out, message.headers().get(i).value(), strings.get(i));
        }
        out.put(message.payload());
        out.putInt((int) crc32(bytes, 0, totalLength - 4));
        return bytes;
    }

    private static int valueLength(HeaderValue value, byte[] string) {
        return switch (value) {
            case HeaderValue.BooleanValue v -> 0;
            case HeaderValue.ByteValue v -> 1;
            case HeaderValue.ShortValue v -> 2;
            case HeaderValue.IntegerValue v -> 4;
            case HeaderValue.LongValue v -> 8;
            case HeaderValue.ByteArrayValue v -> 2 + v.length();
            case HeaderValue.StringValue v -> 2 + string.length;
            case HeaderValue.TimestampValue v -> 8;
            case HeaderValue.UuidValue v -> 16;
        };
    }

    private static void writeValue(ByteBuffer out, HeaderValue value, byte[] string) {
        switch (value) {
            case HeaderValue.BooleanValue v -> out.put(v.value() ? HeaderType.TRUE.id() : HeaderType.FALSE.id());
            case HeaderValue.ByteValue v -> out.put(HeaderType.BYTE.id()).put(v.value());
            case HeaderValue.ShortValue v -> out.put(HeaderType.SHORT.id()).putShort(v.value());
            case HeaderValue.IntegerValue v -> out.put(HeaderType.INTEGER.id()).putInt(v.value());
            case HeaderValue.LongValue v -> out.put(HeaderType.LONG.id()).putLong(v.value());
            case HeaderValue.ByteArrayValue v -> {
                out.put(HeaderType.BYTE_ARRAY.id()).putShort((short) v.length());
                v.writeTo(out);
            }
            case HeaderValue.StringValue v ->
                out.put(HeaderType.STRING.id()).putShort((short) string.length).put(string);
            case HeaderValue.TimestampValue v ->
                out.put(HeaderType.TIMESTAMP.id()).putLong(v.value().toEpochMilli());
            case HeaderValue.UuidValue v -> {
                UUID uuid = v.value();
                out.put(HeaderType.UUID.id())
                        .putLong(uuid.getMostSignificantBits())
                        .putLong(uuid.getLeastSignificantBits());
            }
        }
    }

    static long crc32(byte[] bytes, int offset, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, offset, length);
        return crc.getValue();
    }
}
