package dev.wharf.protocol.restxml;

import dev.wharf.protocol.model.Operation;
import java.util.Map;

/**
 * The operation that a request calls, as {@link RestXmlCodec#match} found it.
 *
 * @param operation the operation
 * @param labels the values of the request URI's labels by label name, such as {@code Bucket} and {@code Key},
 *     percent-decoded
 */
public record RestXmlMatch(Operation operation, Map<String, String> labels) {
    public RestXmlMatch {
        labels = Map.copyOf(labels);
    }
}
