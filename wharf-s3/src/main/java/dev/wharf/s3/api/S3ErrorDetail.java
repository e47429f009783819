package dev.wharf.s3.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an S3 error carries beside its code and message.
 *
 * @param elements the elements of the {@code <Error>} document after {@code <Message>}, in order
 * @param headers the headers of the error response, such as {@code Content-Range} for InvalidRange
 */
public record S3ErrorDetail(Map<String, String> elements, Map<String, String> headers) {
    public S3ErrorDetail {
        elements = Collections.unmodifiableMap(new LinkedHashMap<>(elements));
        headers = Map.copyOf(headers);
    }
}
