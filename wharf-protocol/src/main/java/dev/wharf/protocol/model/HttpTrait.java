package dev.wharf.protocol.model;

import org.jspecify.annotations.Nullable;

/**
 * An operation's HTTP binding, as Smithy's {@code http} trait gives it.
 *
 * @param method the HTTP method, such as {@code PUT}
 * @param requestUri the request URI template with its literal query part, such as {@code /{Key+}?uploads}
 * @param payloadMember the name of the input member that is the whole body ({@code httpPayload}), or null when the
 *     input's body members make up a document, or there are none
 * @param responseCode the status of a successful response ({@code http.code}, botocore's {@code responseCode})
 */
public record HttpTrait(
        String method, String requestUri, @Nullable String payloadMember, int responseCode) {

    /** A binding whose success status is 200, the default of Smithy's {@code http} trait. */
    public HttpTrait(String method, String requestUri, @Nullable String payloadMember) {
        this(method, requestUri, payloadMember, 200);
    }
}
