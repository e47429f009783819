package dev.wharf.protocol.rest;

import dev.wharf.protocol.model.HttpLocation;
import dev.wharf.protocol.model.HttpTrait;
import dev.wharf.protocol.model.Member;
import dev.wharf.protocol.model.Operation;
import dev.wharf.protocol.model.Shape;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One operation's request URI template, compiled: its method, path segments, the literal query keys it requires, and
 * the query parameters and headers that select it among the operations of the same method and path. Shared by the
 * REST protocols (REST-XML, REST-JSON). Immutable.
 */
public final class UriTemplate {

    /** One segment of a path template: a literal, a label, or a greedy label that takes the rest of the path. */
    private record Segment(String text, boolean label, boolean greedy) {}

    private final Operation operation;
    private final String method;
    private final List<Segment> segments;
    /** The template's literal query: a key with its value, or with null for a key alone ({@code ?uploads}). */
    private final Map<String, @Nullable String> literalQuery;

    private final List<String> requiredQuery;
    private final List<String> requiredHeaders;
    private final List<String> absentHeaders;
    private final int specificity;

    private UriTemplate(Operation operation, HttpTrait http, String template, Shape input, Set<String> selecting) {
        this.operation = operation;
        this.method = http.method();
        int query = template.indexOf('?');
        this.segments = segments(query < 0 ? template : template.substring(0, query));
        this.literalQuery = literalQuery(query < 0 ? "" : template.substring(query + 1));
        List<String> queries = new ArrayList<>();
        Set<String> bound = new HashSet<>();
        List<String> required = new ArrayList<>();
        for (Member member : input.members().values()) {
            String name = member.locationName();
            if (name == null) {
                continue;
            }
            if (member.location() == HttpLocation.QUERY && member.required() && !literalQuery.containsKey(name)) {
                queries.add(name);
            }
            if (member.location() == HttpLocation.HEADER) {
                String header = name.toLowerCase(Locale.ROOT);
                bound.add(header);
                if (member.required() && selecting.contains(header)) {
                    required.add(header);
                }
            }
        }
        this.requiredQuery = List.copyOf(queries);
        this.requiredHeaders = List.copyOf(required);
        this.absentHeaders = selecting.stream()
                .filter(header -> !bound.contains(header))
                .sorted()
                .toList();
        long literals = segments.stream().filter(s -> !s.label()).count();
        // A literal path segment outweighs any query selector, a query selector any header, and greedy labels lose
        // ties.
        this.specificity = (int) literals * 10_000
                + (literalQuery.size() + requiredQuery.size()) * 100
                + requiredHeaders.size() * 10
                + (segments.stream().anyMatch(Segment::greedy) ? 0 : 1);
    }

    /**
     * The route of an operation with an HTTP trait, with the prefix put before its URI where its input asks it.
     *
     * @param uriPrefix a path put before the URIs whose input binds its labels (S3's {@code /{Bucket}}), or empty
     * @param selectingHeaders headers (lower-case) that tell apart operations of one method and path
     */
    public static UriTemplate of(
            Operation operation, HttpTrait http, Shape input, String uriPrefix, Set<String> selectingHeaders) {
        String uri = http.requestUri();
        String prefix = uriPrefix;
        if (!prefix.isEmpty() && needsPrefix(uri, prefix, input)) {
            uri = uri.isEmpty() || uri.startsWith("?") || uri.equals("/")
                    ? prefix + (uri.equals("/") ? "" : uri)
                    : prefix + uri;
        }
        return new UriTemplate(operation, http, uri.isEmpty() ? "/" : uri, input, selectingHeaders);
    }

    /** Whether every label of the prefix is a path member of the input and missing from the URI. */
    private static boolean needsPrefix(String uri, String prefix, Shape input) {
        boolean any = false;
        for (Segment segment : segments(prefix)) {
            if (!segment.label()) {
                continue;
            }
            if (uri.contains("{" + segment.text() + "}") || uri.contains("{" + segment.text() + "+}")) {
                return false;
            }
            any = true;
            boolean bound = input.members().values().stream()
                    .anyMatch(m -> (m.location() == HttpLocation.PATH || m.location() == HttpLocation.GREEDY_PATH)
                            && segment.text().equals(m.locationName()));
            if (!bound) {
                return false;
            }
        }
        return any;
    }

    private static List<Segment> segments(String path) {
        List<Segment> out = new ArrayList<>();
        for (String part : path.split("/", -1)) {
            if (part.isEmpty()) {
                continue;
            }
            if (part.startsWith("{") && part.endsWith("}")) {
                boolean greedy = part.endsWith("+}");
                out.add(new Segment(part.substring(1, part.length() - (greedy ? 2 : 1)), true, greedy));
            } else {
                out.add(new Segment(part, false, false));
            }
        }
        return List.copyOf(out);
    }

    private static Map<String, @Nullable String> literalQuery(String query) {
        Map<String, @Nullable String> out = new LinkedHashMap<>();
        for (String part : query.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            out.put(eq < 0 ? part : part.substring(0, eq), eq < 0 ? null : part.substring(eq + 1));
        }
        return out;
    }

    public Operation operation() {
        return operation;
    }

    /** Higher for a route that says more of the request; the codec prefers the most specific route that matches. */
    public int specificity() {
        return specificity;
    }

    /**
     * The labels of a request that this route matches, or null when it does not.
     *
     * @param query the request's query parameters, decoded
     * @param headers the request's headers by lower-case name
     */
    public @Nullable Map<String, String> match(
            String requestMethod, String rawPath, Map<String, List<String>> query, Map<String, List<String>> headers) {
        if (!method.equals(requestMethod)) {
            return null;
        }
        for (Map.Entry<String, @Nullable String> literal : literalQuery.entrySet()) {
            List<String> values = query.get(literal.getKey());
            String value = literal.getValue();
            if (values == null || (value != null && !values.contains(value))) {
                return null;
            }
        }
        for (String name : requiredQuery) {
            if (!query.containsKey(name)) {
                return null;
            }
        }
        for (String header : requiredHeaders) {
            if (!headers.containsKey(header)) {
                return null;
            }
        }
        for (String header : absentHeaders) {
            if (headers.containsKey(header)) {
                return null;
            }
        }
        return matchPath(rawPath);
    }

    private @Nullable Map<String, String> matchPath(String rawPath) {
        Map<String, String> labels = new HashMap<>();
        int at = rawPath.startsWith("/") ? 1 : 0;
        for (Segment segment : segments) {
            if (at > rawPath.length()) {
                return null;
            }
            if (segment.greedy()) {
                String rest = rawPath.substring(at);
                if (rest.isEmpty()) {
                    return null;
                }
                labels.put(segment.text(), decodePath(rest));
                at = rawPath.length() + 1;
                continue;
            }
            int end = rawPath.indexOf('/', at);
            String part = rawPath.substring(at, end < 0 ? rawPath.length() : end);
            if (part.isEmpty()) {
                return null;
            }
            if (segment.label()) {
                labels.put(segment.text(), decodePath(part));
            } else if (!decodePath(part).equals(segment.text())) {
                return null;
            }
            at = end < 0 ? rawPath.length() + 1 : end + 1;
        }
        // What is left may only be one trailing slash (S3's clients put one after a bucket).
        return at >= rawPath.length() ? labels : null;
    }

    /** Percent-decodes a path, in which {@code +} is itself; a malformed escape stays as it is. */
    public static String decodePath(String raw) {
        return decode(raw, false);
    }

    /** Percent-decodes a query key or value, in which {@code +} is a space as in a form. */
    public static String decodeQuery(String raw) {
        return decode(raw, true);
    }

    private static String decode(String raw, boolean plusIsSpace) {
        if (raw.indexOf('%') < 0 && (!plusIsSpace || raw.indexOf('+') < 0)) {
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        int run = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            boolean escape = c == '%'
                    && i + 2 < raw.length()
                    && Character.digit(raw.charAt(i + 1), 16) >= 0
                    && Character.digit(raw.charAt(i + 2), 16) >= 0;
            if (!escape && !(c == '+' && plusIsSpace)) {
                continue;
            }
            byte[] text = raw.substring(run, i).getBytes(StandardCharsets.UTF_8);
            bytes.write(text, 0, text.length);
            if (escape) {
                bytes.write(Character.digit(raw.charAt(i + 1), 16) * 16 + Character.digit(raw.charAt(i + 2), 16));
                i += 2;
            } else {
                bytes.write(' ');
            }
            run = i + 1;
        }
        byte[] tail = raw.substring(run).getBytes(StandardCharsets.UTF_8);
        bytes.write(tail, 0, tail.length);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** A request's query parameters by decoded key, each with its values in order. */
    public static Map<String, List<String>> parseQuery(@Nullable String rawQuery) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return out;
        }
        for (String part : rawQuery.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String key = decodeQuery(eq < 0 ? part : part.substring(0, eq));
            String value = eq < 0 ? "" : decodeQuery(part.substring(eq + 1));
            out.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return out;
    }
}
