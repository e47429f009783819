package dev.wharf.protocol.eventstream;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One event-stream message: its headers in wire order, and its payload.
 *
 * <p>Header names are unique, as the format requires. The payload array is owned by the message and is not copied,
 * since it may hold megabytes of records: whoever builds a message must not change the array afterwards. The static
 * factories build the messages of AWS's RPC event streams (see the {@linkplain dev.wharf.protocol.eventstream
 * package}).
 */
public final class EventStreamMessage {

    /** The bytes of a message besides its headers and payload: the 12-byte prelude and the 4-byte message CRC. */
    public static final int OVERHEAD_BYTES = 16;

    /** The header that says whether a message is an event, a modeled exception or an unmodeled error. */
    public static final String MESSAGE_TYPE = ":message-type";

    /** The header of an event that names the event stream union's member, such as {@code SubscribeToShardEvent}. */
    public static final String EVENT_TYPE = ":event-type";

    /** The header with the payload's media type. */
    public static final String CONTENT_TYPE = ":content-type";

    /** The header of a modeled exception that names its error shape, such as {@code ResourceNotFoundException}. */
    public static final String EXCEPTION_TYPE = ":exception-type";

    /** The header of an unmodeled error with its code. */
    public static final String ERROR_CODE = ":error-code";

    /** The header of an unmodeled error with its human-readable message. */
    public static final String ERROR_MESSAGE = ":error-message";

    /** The event type of the first message of an RPC response stream, which carries the output's other members. */
    public static final String INITIAL_RESPONSE = "initial-response";

    private static final byte[] EMPTY = new byte[0];

    private final List<EventStreamHeader> headers;
    private final byte[] payload;

    /**
     * @throws IllegalArgumentException when two headers have the same name
     */
    public EventStreamMessage(List<EventStreamHeader> headers, byte[] payload) {
        this.headers = List.copyOf(headers);
        this.payload = payload;
        Set<String> names = new HashSet<>();
        for (EventStreamHeader header : this.headers) {
            if (!names.add(header.name())) {
                throw new IllegalArgumentException("duplicate header: " + header.name());
            }
        }
    }

    /** An event: {@code :message-type} {@code event}, then {@code :event-type} and {@code :content-type}. */
    public static EventStreamMessage event(String eventType, String contentType, byte[] payload) {
        return new EventStreamMessage(
                List.of(
                        EventStreamHeader.of(MESSAGE_TYPE, EventStreamMessageType.EVENT.wireName()),
                        EventStreamHeader.of(EVENT_TYPE, eventType),
                        EventStreamHeader.of(CONTENT_TYPE, contentType)),
                payload);
    }

    /**
     * The {@code initial-response} event that opens an RPC response stream; its payload is the output structure
     * without its event stream member, which for SubscribeToShard is an empty structure.
     */
    public static EventStreamMessage initialResponse(String contentType, byte[] payload) {
        return event(INITIAL_RESPONSE, contentType, payload);
    }

    /**
     * A modeled exception: {@code :message-type} {@code exception}, then {@code :exception-type} and {@code
     * :content-type}; the payload is the error structure, such as {@code {"message":"..."}}.
     */
    public static EventStreamMessage exception(String exceptionType, String contentType, byte[] payload) {
        return new EventStreamMessage(
                List.of(
                        EventStreamHeader.of(MESSAGE_TYPE, EventStreamMessageType.EXCEPTION.wireName()),
                        EventStreamHeader.of(EXCEPTION_TYPE, exceptionType),
                        EventStreamHeader.of(CONTENT_TYPE, contentType)),
                payload);
    }

    /**
     * An unmodeled error: {@code :message-type} {@code error}, {@code :error-code} and {@code :error-message}, with an
     * empty payload.
     *
     * @throws IllegalArgumentException when the code or the message is empty or longer than 32767 UTF-8 bytes, which
     *     no SDK would decode
     */
    public static EventStreamMessage error(String errorCode, String errorMessage) {
        return new EventStreamMessage(
                List.of(
                        EventStreamHeader.of(MESSAGE_TYPE, EventStreamMessageType.ERROR.wireName()),
                        EventStreamHeader.of(ERROR_CODE, errorCode),
                        EventStreamHeader.of(ERROR_MESSAGE, errorMessage)),
                EMPTY);
    }

    /** The headers, in wire order. */
    public List<EventStreamHeader> headers() {
        return headers;
    }

    /** The payload, not copied: callers must not change it. */
    public byte[] payload() {
        return payload;
    }

    /** The value of the header named {@code name}, or null when there is none. */
    public @Nullable HeaderValue header(String name) {
        for (EventStreamHeader header : headers) {
            if (header.name().equals(name)) {
                return header.value();
            }
        }
        return null;
    }

    /** The value of the header named {@code name} when it is a string, or null. */
    public @Nullable String stringHeader(String name) {
        return header(name) instanceof HeaderValue.StringValue string ? string.value() : null;
    }

    /** The {@code :message-type} of this message, or null when it has none that AWS defines. */
    public @Nullable EventStreamMessageType messageType() {
        String wireName = stringHeader(MESSAGE_TYPE);
        return wireName == null ? null : EventStreamMessageType.fromWireName(wireName);
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof EventStreamMessage that
                && headers.equals(that.headers)
                && Arrays.equals(payload, that.payload);
    }

    @Override
    public int hashCode() {
        return 31 * headers.hashCode() + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        List<String> names = new ArrayList<>(headers.size());
        for (EventStreamHeader header : headers) {
            names.add(header.name() + "=" + header.value());
        }
        return "EventStreamMessage" + names + "(" + payload.length + " payload bytes)";
    }
}
