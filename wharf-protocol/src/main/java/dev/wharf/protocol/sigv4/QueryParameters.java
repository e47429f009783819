package dev.wharf.protocol.sigv4;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The parameters of a raw query string, kept percent-encoded as they arrived, in arrival order. */
final class QueryParameters {

    /** One {@code name=value} pair; a pair without '=' has an empty value. */
    private record Parameter(String rawName, String rawValue) {}

    private static final Comparator<String[]> BY_NAME_THEN_VALUE =
            Comparator.<String[], String>comparing(pair -> pair[0]).thenComparing(pair -> pair[1]);

    private final List<Parameter> parameters;

    private QueryParameters(List<Parameter> parameters) {
        this.parameters = parameters;
    }

    static QueryParameters parse(String rawQuery) {
        List<Parameter> parameters = new ArrayList<>();
        if (!rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&", -1)) {
                if (pair.isEmpty()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                parameters.add(
                        equals < 0
                                ? new Parameter(pair, "")
                                : new Parameter(pair.substring(0, equals), pair.substring(equals + 1)));
            }
        }
        return new QueryParameters(List.copyOf(parameters));
    }

    /**
     * The decoded value of the first parameter with the given decoded name, or null when there is none.
     *
     * @throws dev.wharf.common.AwsException MalformedQueryString for a broken escape
     */
    @Nullable
    String first(String name) {
        for (Parameter parameter : parameters) {
            if (PercentCodec.decodeToString(parameter.rawName()).equals(name)) {
                return PercentCodec.decodeToString(parameter.rawValue());
            }
        }
        return null;
    }

    /**
     * The canonical query string: names and values re-encoded the way a signer encodes them, pairs sorted by name and
     * then value, joined by '&amp;'. Parameters with an empty name are left out, as the signers leave them out.
     *
     * @param excludedName a parameter left out, or null; the presigned form leaves out {@code X-Amz-Signature}
     */
    String canonical(@Nullable String excludedName) {
        List<String[]> pairs = new ArrayList<>(parameters.size());
        for (Parameter parameter : parameters) {
            String name = PercentCodec.normalize(parameter.rawName());
            if (name.isEmpty() || name.equals(excludedName)) {
                continue;
            }
            pairs.add(new String[] {name, PercentCodec.normalize(parameter.rawValue())});
        }
        pairs.sort(BY_NAME_THEN_VALUE);
        StringBuilder canonical = new StringBuilder(128);
        for (String[] pair : pairs) {
            if (!canonical.isEmpty()) {
                canonical.append('&');
            }
            canonical.append(pair[0]).append('=').append(pair[1]);
        }
        return canonical.toString();
    }
}
