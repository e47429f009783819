package dev.wharf.protocol.eventstream;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.eventstream.Message;
import software.amazon.eventstream.MessageDecoder;

/** Converts between Wharf's messages and those of AWS's own event-stream library, the SDK v2's decoder. */
final class AwsEventStream {

    private AwsEventStream() {}

    static Message toAws(EventStreamMessage message) {
        Map<String, software.amazon.eventstream.HeaderValue> headers = new LinkedHashMap<>();
        for (EventStreamHeader header : message.headers()) {
            headers.put(header.name(), toAws(header.value()));
        }
        return new Message(headers, message.payload());
    }

    static software.amazon.eventstream.HeaderValue toAws(HeaderValue value) {
        return switch (value) {
            case HeaderValue.BooleanValue v -> software.amazon.eventstream.HeaderValue.fromBoolean(v.value());
            case HeaderValue.ByteValue v -> software.amazon.eventstream.HeaderValue.fromByte(v.value());
            case HeaderValue.ShortValue v -> software.amazon.eventstream.HeaderValue.fromShort(v.value());
            case HeaderValue.IntegerValue v -> software.amazon.eventstream.HeaderValue.fromInteger(v.value());
            case HeaderValue.LongValue v -> software.amazon.eventstream.HeaderValue.fromLong(v.value());
            case HeaderValue.ByteArrayValue v -> software.amazon.eventstream.HeaderValue.fromByteArray(v.value());
            case HeaderValue.StringValue v -> software.amazon.eventstream.HeaderValue.fromString(v.value());
            case HeaderValue.TimestampValue v -> software.amazon.eventstream.HeaderValue.fromTimestamp(v.value());
            case HeaderValue.UuidValue v -> software.amazon.eventstream.HeaderValue.fromUuid(v.value());
        };
    }

    static EventStreamMessage fromAws(Message message) {
        List<EventStreamHeader> headers = new ArrayList<>();
        message.getHeaders().forEach((name, value) -> headers.add(new EventStreamHeader(name, fromAws(value))));
        return new EventStreamMessage(headers, message.getPayload());
    }

    static HeaderValue fromAws(software.amazon.eventstream.HeaderValue value) {
        // The library's HeaderType is package-private, so its constants are matched by name.
        Object type = value.getType();
        return switch (type.toString()) {
            case "TRUE", "FALSE" -> new HeaderValue.BooleanValue(value.getBoolean());
            case "BYTE" -> new HeaderValue.ByteValue(value.getByte());
            case "SHORT" -> new HeaderValue.ShortValue(value.getShort());
            case "INTEGER" -> new HeaderValue.IntegerValue(value.getInteger());
            case "LONG" -> new HeaderValue.LongValue(value.getLong());
            case "BYTE_ARRAY" -> new HeaderValue.ByteArrayValue(value.getByteArray());
            case "STRING" -> new HeaderValue.StringValue(value.getString());
            case "TIMESTAMP" -> new HeaderValue.TimestampValue(value.getTimestamp());
            case "UUID" -> new HeaderValue.UuidValue(value.getUuid());
            default -> throw new AssertionError("unknown header type " + type);
        };
    }

    /** The header named {@code name} of an AWS message, which must be there. */
    static software.amazon.eventstream.HeaderValue header(Message message, String name) {
        return Objects.requireNonNull(message.getHeaders().get(name), name);
    }

    /** Encodes with AWS's encoder. */
    static byte[] encode(EventStreamMessage message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        toAws(message).encode(out);
        return out.toByteArray();
    }

    /** Decodes with AWS's decoder, fed {@code chunkBytes} at a time. */
    static List<EventStreamMessage> decode(byte[] stream, int chunkBytes) {
        MessageDecoder decoder = new MessageDecoder();
        List<EventStreamMessage> messages = new ArrayList<>();
        for (int offset = 0; offset < stream.length; offset += chunkBytes) {
            decoder.feed(stream, offset, Math.min(chunkBytes, stream.length - offset));
            decoder.getDecodedMessages().forEach(message -> messages.add(fromAws(message)));
        }
        return messages;
    }
}
