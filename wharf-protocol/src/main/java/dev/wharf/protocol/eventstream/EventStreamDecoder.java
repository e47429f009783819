package dev.wharf.protocol.eventstream;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * Decodes event-stream messages from a byte stream that arrives in chunks of any size, such as HTTP/2 DATA frames.
 *
 * <p>It checks the prelude CRC before it trusts the lengths, and the limits before it buffers anything beyond the
 * prelude, so it never holds more than one message within the limits; it grows that buffer as bytes arrive rather than
 * at the declared length, so that a 12-byte prelude cannot make it allocate megabytes. After the first {@link
 * EventStreamException} the stream cannot be resynchronised, and every later call throws {@link
 * IllegalStateException}.
 *
 * <p>Not thread-safe: one decoder reads one stream, from one thread at a time.
 */
public final class EventStreamDecoder {

    private static final int PRELUDE_BYTES = 12;

    /** The first buffer for a message's data; it doubles up to the message's length as bytes arrive. */
    private static final int INITIAL_BUFFER_BYTES = 8 * 1024;

    private final EventStreamLimits limits;

    /** The current message so far, prelude included; its first 12 bytes are the prelude buffer between messages. */
    private byte[] buffer = new byte[INITIAL_BUFFER_BYTES];

    /** How many bytes of the current message {@link #buffer} holds. */
    private int filled;

    /** The current message's total length once its prelude is checked, else zero. */
    private int totalLength;

    private int headersLength;
    private boolean failed;

    public EventStreamDecoder(EventStreamLimits limits) {
        this.limits = limits;
    }

    /**
     * Consumes all of {@code chunk} and returns the messages that it completes, in order.
     *
     * @throws EventStreamException when the bytes are not a well-formed event stream within the limits
     */
    public List<EventStreamMessage> decode(byte[] chunk) {
        return decode(ByteBuffer.wrap(chunk));
    }

    /**
     * Consumes the remaining bytes of {@code chunk} and returns the messages that they complete, in order.
     *
     * @throws EventStreamException when the bytes are not a well-formed event stream within the limits
     */
    public List<EventStreamMessage> decode(ByteBuffer chunk) {
        if (failed) {
            throw new IllegalStateException("the event stream already failed, and cannot be read further");
        }
        List<EventStreamMessage> messages = new ArrayList<>();
        try {
            while (chunk.hasRemaining()) {
                if (totalLength == 0) {
                    fill(chunk, PRELUDE_BYTES);
                    if (filled == PRELUDE_BYTES) {
                        onPrelude();
                    }
                } else {
                    fill(chunk, totalLength);
                    if (filled == totalLength) {
                        messages.add(onMessage());
                    }
                }
            }
        } catch (EventStreamException e) {
            failed = true;
            throw e;
        }
        return messages;
    }

    /**
     * Says that the stream has ended.
     *
     * @throws EventStreamException when it ended inside a message
     */
    public void endOfStream() {
        if (filled > 0) {
            failed = true;
            throw new EventStreamException("the event stream ended inside a message, after " + filled + " of its "
                    + (totalLength == 0 ? "prelude's " + PRELUDE_BYTES : totalLength) + " bytes");
        }
    }

    /** Whether the decoder holds no part of a message. */
    public boolean isBetweenMessages() {
        return filled == 0;
    }

    /** Copies bytes from {@code chunk} until the buffer holds {@code target} bytes or the chunk is empty. */
    private void fill(ByteBuffer chunk, int target) {
        int count = Math.min(chunk.remaining(), target - filled);
        if (filled + count > buffer.length) {
            int capacity = (int) Math.min(target, Math.max((long) filled + count, 2L * buffer.length));
            buffer = Arrays.copyOf(buffer, capacity);
        }
        chunk.get(buffer, filled, count);
        filled += count;
    }

    private void onPrelude() {
        ByteBuffer prelude = ByteBuffer.wrap(buffer, 0, PRELUDE_BYTES);
        long total = Integer.toUnsignedLong(prelude.getInt());
        long headers = Integer.toUnsignedLong(prelude.getInt());
        long expected = Integer.toUnsignedLong(prelude.getInt());
        long computed = EventStreamEncoder.crc32(buffer, 0, 8);
        if (expected != computed) {
            throw new EventStreamException(String.format(
                    Locale.ROOT,
                    "prelude CRC mismatch: the message says 0x%08x, its bytes give 0x%08x",
                    expected,
                    computed));
        }
        if (headers > limits.headersBytesMax()) {
            throw new EventStreamException("a message declares " + headers + " bytes of headers, more than the "
                    + limits.headersBytesMax() + " allowed");
        }
        long payload = total - headers - EventStreamMessage.OVERHEAD_BYTES;
        if (payload < 0) {
            throw new EventStreamException("a message declares a total length of " + total + " bytes, less than its "
                    + headers + " bytes of headers and " + EventStreamMessage.OVERHEAD_BYTES + " of framing");
        }
        if (payload > limits.payloadBytesMax()) {
            throw new EventStreamException("a message declares " + payload + " bytes of payload, more than the "
                    + limits.payloadBytesMax() + " allowed");
        }
        totalLength = (int) total;
        headersLength = (int) headers;
    }

    private EventStreamMessage onMessage() {
        long expected = Integer.toUnsignedLong(
                ByteBuffer.wrap(buffer, totalLength - 4, 4).getInt());
        long computed = EventStreamEncoder.crc32(buffer, 0, totalLength - 4);
        if (expected != computed) {
            throw new EventStreamException(String.format(
                    Locale.ROOT,
                    "message CRC mismatch: the message says 0x%08x, its bytes give 0x%08x",
                    expected,
                    computed));
        }
        List<EventStreamHeader> headers = decodeHeaders(ByteBuffer.wrap(buffer, PRELUDE_BYTES, headersLength));
        int payloadStart = PRELUDE_BYTES + headersLength;
        byte[] payload = Arrays.copyOfRange(buffer, payloadStart, totalLength - 4);
        filled = 0;
        totalLength = 0;
        headersLength = 0;
        if (buffer.length > INITIAL_BUFFER_BYTES) {
            // Give a large message's buffer back, so an idle stream holds only the small one.
            buffer = new byte[INITIAL_BUFFER_BYTES];
        }
        return new EventStreamMessage(headers, payload);
    }

    private static List<EventStreamHeader> decodeHeaders(ByteBuffer in) {
        List<EventStreamHeader> headers = new ArrayList<>();
        Set<String> names = new HashSet<>();
        try {
            while (in.hasRemaining()) {
                int nameLength = Byte.toUnsignedInt(in.get());
                if (nameLength == 0) {
                    throw new EventStreamException("a header has an empty name");
                }
                String name = utf8(in, nameLength, "a header name");
                if (!names.add(name)) {
                    throw new EventStreamException("a message has the header " + name + " twice");
                }
                headers.add(new EventStreamHeader(name, decodeValue(in, name)));
            }
        } catch (BufferUnderflowException e) {
            throw new EventStreamException("a header runs past the end of the headers");
        }
        return headers;
    }

    private static HeaderValue decodeValue(ByteBuffer in, String name) {
        byte type = in.get();
        return switch (type) {
            case 0 -> new HeaderValue.BooleanValue(true);
            case 1 -> new HeaderValue.BooleanValue(false);
            case 2 -> new HeaderValue.ByteValue(in.get());
            case 3 -> new HeaderValue.ShortValue(in.getShort());
            case 4 -> new HeaderValue.IntegerValue(in.getInt());
            case 5 -> new HeaderValue.LongValue(in.getLong());
            case 6 -> {
                byte[] bytes = new byte[variableLength(in, name)];
                in.get(bytes);
                yield new HeaderValue.ByteArrayValue(bytes);
            }
            case 7 -> new HeaderValue.StringValue(utf8(in, variableLength(in, name), "the header " + name));
            case 8 -> new HeaderValue.TimestampValue(Instant.ofEpochMilli(in.getLong()));
            case 9 -> new HeaderValue.UuidValue(new UUID(in.getLong(), in.getLong()));
            default -> throw new EventStreamException("the header " + name + " has the unknown value type " + type);
        };
    }

    private static int variableLength(ByteBuffer in, String name) {
        int length = Short.toUnsignedInt(in.getShort());
        if (length == 0 || length > HeaderValue.VARIABLE_BYTES_MAX) {
            throw new EventStreamException("the header " + name + " has a value of " + length + " bytes, outside 1 to "
                    + HeaderValue.VARIABLE_BYTES_MAX);
        }
        return length;
    }

    private static String utf8(ByteBuffer in, int length, String what) {
        if (length > in.remaining()) {
            throw new BufferUnderflowException();
        }
        ByteBuffer bytes = in.slice(in.position(), length);
        in.position(in.position() + length);
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes)
                    .toString();
        } catch (CharacterCodingException e) {
            throw new EventStreamException(what + " is not valid UTF-8");
        }
    }
}
