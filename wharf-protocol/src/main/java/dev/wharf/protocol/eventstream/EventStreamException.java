package dev.wharf.protocol.eventstream;

import java.io.Serial;

/**
 * Thrown when bytes are not a well-formed event stream: a CRC mismatch, an impossible or oversized length, a malformed
 * header or a stream that ends inside a message. The stream cannot be resynchronised after one, so it must be closed.
 */
public final class EventStreamException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    public EventStreamException(String message) {
        super(message);
    }
}
