package dev.wharf.protocol.rest;

import dev.wharf.protocol.model.Operation;
import java.util.Map;

/**
 * The operation that a request calls, as a REST codec's {@code match} found it.
 *
 * @param operation the operation
 * @param labels the values of the request URI's labels by label name, such as {@code Bucket} and {@code Key},
 *     percent-decoded
 */
public record RestMatch(Operation operation, Map<String, String> labels) {
    public RestMatch {
        labels = Map.copyOf(labels);
    }
}
