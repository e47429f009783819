package dev.wharf.protocol.eventstream;

/**
 * One header of an event-stream message: a name of 1 to {@value #NAME_BYTES_MAX} UTF-8 bytes and a typed value.
 *
 * @param name the header's name, such as {@code :event-type}
 * @param value the header's value
 */
public record EventStreamHeader(String name, HeaderValue value) {

    /** The most UTF-8 bytes of a header name: its length prefix is one unsigned byte. */
    public static final int NAME_BYTES_MAX = 255;

    public EventStreamHeader {
        int length = HeaderValue.utf8(name, "a header name").length;
        if (length == 0 || length > NAME_BYTES_MAX) {
            throw new IllegalArgumentException(
                    "a header name must have 1 to " + NAME_BYTES_MAX + " UTF-8 bytes, not " + length);
        }
    }

    /** A header with a string value. */
    public static EventStreamHeader of(String name, String value) {
        return new EventStreamHeader(name, HeaderValue.of(value));
    }
}
