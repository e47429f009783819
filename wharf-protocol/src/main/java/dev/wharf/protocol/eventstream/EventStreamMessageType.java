package dev.wharf.protocol.eventstream;

import org.jspecify.annotations.Nullable;

/** The values of the {@code :message-type} header in AWS's RPC event streams. */
public enum EventStreamMessageType {
    /** A modeled event, with {@code :event-type} and {@code :content-type}; {@code initial-response} is one. */
    EVENT("event"),
    /** A modeled error, with {@code :exception-type} and {@code :content-type}; it ends the stream. */
    EXCEPTION("exception"),
    /** An unmodeled error, with {@code :error-code} and {@code :error-message}; it ends the stream. */
    ERROR("error");

    private final String wireName;

    EventStreamMessageType(String wireName) {
        this.wireName = wireName;
    }

    /** The header's value on the wire. */
    public String wireName() {
        return wireName;
    }

    /** The type whose wire name is {@code wireName}, or null for a name that AWS does not define. */
    public static @Nullable EventStreamMessageType fromWireName(String wireName) {
        for (EventStreamMessageType type : values()) {
            if (type.wireName.equals(wireName)) {
                return type;
            }
        }
        return null;
    }
}
