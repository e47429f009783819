package dev.wharf.server;

import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Decodes the parameters of a Query request: the URL's query string and a form-encoded body, merged. */
final class FormDecoder {

    /** Bounds how many parameters one request may carry. */
    static final int MAX_PARAMETERS = 10_000;

    private FormDecoder() {}

    static Map<String, List<String>> decode(String rawQuery, byte[] formBody) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (!rawQuery.isEmpty()) {
            params.putAll(new QueryStringDecoder(rawQuery, StandardCharsets.UTF_8, false, MAX_PARAMETERS).parameters());
        }
        if (formBody.length > 0) {
            String body = new String(formBody, StandardCharsets.UTF_8);
            new QueryStringDecoder(body, StandardCharsets.UTF_8, false, MAX_PARAMETERS)
                    .parameters()
                    .forEach((name, values) -> params.merge(name, values, (a, b) -> b));
        }
        return params;
    }
}
