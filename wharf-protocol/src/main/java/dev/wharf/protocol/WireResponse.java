package dev.wharf.protocol;

import java.util.Map;

/**
 * An encoded response, ready for the transport.
 *
 * @param status the HTTP status
 * @param contentType the Content-Type header
 * @param headers extra headers, such as {@code x-amzn-query-error}
 * @param body the encoded body
 */
public record WireResponse(int status, String contentType, Map<String, String> headers, byte[] body) {}
