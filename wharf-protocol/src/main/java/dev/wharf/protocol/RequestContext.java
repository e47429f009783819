package dev.wharf.protocol;

import dev.wharf.common.Caller;

/**
 * What a service needs to know about a request besides its input.
 *
 * @param caller who signed the request
 * @param requestId the id echoed in {@code x-amzn-RequestId}
 * @param endpoint the scheme, host and port the client addressed, such as {@code http://localhost:4566}; services build
 *     resource URLs from it
 * @param protocol the protocol the request came in
 * @param path the request's path, still percent-encoded; Query clients address some resources by it
 */
public record RequestContext(Caller caller, String requestId, String endpoint, Protocol protocol, String path) {}
