package dev.wharf.protocol;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A plain HTTP request for one of a service's internal resources, outside its AWS API: the paths under {@code /_aws/}
 * that LocalStack serves to tests, such as the messages SNS keeps for phone numbers. Unsigned, as LocalStack's are.
 *
 * @param method the HTTP method, upper case
 * @param path the request's path, percent-decoded
 * @param parameters the query string's parameters, decoded, in their order
 * @param body the request body, empty when there is none
 */
public record InternalRequest(String method, String path, Map<String, List<String>> parameters, byte[] body) {

    /** The first value of a query parameter, or null when the request does not name it. */
    public @Nullable String parameter(String name) {
        List<String> values = parameters.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
