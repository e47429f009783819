package dev.wharf.protocol.sigv4;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An incoming HTTP request as the signature check sees it: the request line still percent-encoded as it arrived, the
 * headers and the body.
 *
 * <p>An S3 request's body streams in after the signature check, so it is made with {@link #streamed}: its {@code body}
 * is then empty and {@code bodyStreamed} true, and {@link SignedPayload} checks the body as it is read.
 *
 * @param method the HTTP method, as on the request line (for example {@code POST})
 * @param rawPath the path as on the request line, percent-encoded, without the query
 * @param rawQuery the part after {@code ?}, still percent-encoded; empty when there is none
 * @param headers the header values by lower-case name, each list in arrival order; names are lower-cased here
 * @param body the body; not copied, and never modified by the verifier; empty when {@code bodyStreamed}
 * @param bodyStreamed true when the body is not here but streams in later, for {@link SignedPayload} to check
 */
@SuppressWarnings("ArrayRecordComponent") // A body can be large; it is read, never copied or compared.
public record SignedRequest(
        String method,
        String rawPath,
        String rawQuery,
        Map<String, List<String>> headers,
        byte[] body,
        boolean bodyStreamed) {

    public SignedRequest {
        headers = lowerCaseNames(headers);
        if (bodyStreamed && body.length > 0) {
            throw new IllegalArgumentException("a streamed request has no body here");
        }
    }

    /** A request whose whole body is at hand. */
    public SignedRequest(
            String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body) {
        this(method, rawPath, rawQuery, headers, body, false);
    }

    /** A request whose body streams in after its head is verified, as S3's bodies do. */
    public static SignedRequest streamed(
            String method, String rawPath, String rawQuery, Map<String, List<String>> headers) {
        return new SignedRequest(method, rawPath, rawQuery, headers, new byte[0], true);
    }

    /** The first value of a header, or null when the request lacks it. */
    public @Nullable String firstHeader(String lowerCaseName) {
        List<String> values = headers.get(lowerCaseName);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static Map<String, List<String>> lowerCaseNames(Map<String, List<String>> headers) {
        Map<String, List<String>> lowerCased = new LinkedHashMap<>(headers.size() * 2);
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            lowerCased.merge(
                    header.getKey().toLowerCase(Locale.ROOT),
                    List.copyOf(header.getValue()),
                    (first, more) -> concat(first, more));
        }
        return Map.copyOf(lowerCased);
    }

    private static List<String> concat(List<String> first, List<String> more) {
        String[] all = new String[first.size() + more.size()];
        int i = 0;
        for (String value : first) {
            all[i++] = value;
        }
        for (String value : more) {
            all[i++] = value;
        }
        return List.of(all);
    }
}
