package dev.wharf.protocol;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An encoded response, ready for the transport.
 *
 * @param status the HTTP status
 * @param contentType the Content-Type header
 * @param headers extra headers, such as {@code x-amzn-query-error}
 * @param body the encoded body, or the empty array for a streaming one
 * @param stream the body written over time, or null when {@code body} is all of it
 */
public record WireResponse(
        int status,
        String contentType,
        Map<String, String> headers,
        byte[] body,
        @Nullable StreamingBody stream) {

    /** A response whose body is all there at once. */
    public WireResponse(int status, String contentType, Map<String, String> headers, byte[] body) {
        this(status, contentType, headers, body, null);
    }

    /** A response whose body the transport streams as {@code stream} writes it. */
    public static WireResponse streaming(
            int status, String contentType, Map<String, String> headers, StreamingBody stream) {
        return new WireResponse(status, contentType, headers, new byte[0], stream);
    }
}
