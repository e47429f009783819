package dev.wharf.protocol.model;

import org.jspecify.annotations.Nullable;

/**
 * An operation's HTTP binding, as Smithy's {@code http} trait gives it.
 *
 * @param method the HTTP method, such as {@code PUT}
 * @param requestUri the request URI template with its literal query part, such as {@code /{Key+}?uploads}
 * @param payloadMember the name of the input member that is the whole body ({@code httpPayload}), or null when the
 *     input's body members make up a document, or there are none
 */
public record HttpTrait(
        String method, String requestUri, @Nullable String payloadMember) {}
