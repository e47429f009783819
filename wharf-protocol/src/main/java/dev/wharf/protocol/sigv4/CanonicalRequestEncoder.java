package dev.wharf.protocol.sigv4;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a request in SigV4's canonical form, byte for byte as the AWS SDKs compute it before they sign: {@link
 * #canonicalUri} for every service but S3, {@link #s3CanonicalUri} for S3.
 *
 * <p>The canonical form is:
 *
 * <pre>
 * METHOD \n canonical URI \n canonical query \n canonical headers \n signed header names \n payload hash
 * </pre>
 */
final class CanonicalRequestEncoder {

    private CanonicalRequestEncoder() {}

    static String encode(SignedRequest request, SigV4Authorization authorization, String payloadHash) {
        return encode(request, authorization, canonicalUri(request.rawPath()), payloadHash);
    }

    static String encode(
            SignedRequest request, SigV4Authorization authorization, String canonicalUri, String payloadHash) {
        StringBuilder canonical = new StringBuilder(512);
        canonical.append(request.method()).append('\n');
        canonical.append(canonicalUri).append('\n');
        canonical
                .append(authorization
                        .query()
                        .canonical(authorization.presigned() ? SigV4AuthorizationDecoder.X_AMZ_SIGNATURE : null))
                .append('\n');
        for (String name : authorization.signedHeaders()) {
            canonical.append(name).append(':');
            appendCanonicalValues(canonical, request.headers().getOrDefault(name, List.of()));
            canonical.append('\n');
        }
        canonical.append('\n');
        canonical.append(String.join(";", authorization.signedHeaders())).append('\n');
        canonical.append(payloadHash);
        return canonical.toString();
    }

    /**
     * The canonical URI of a path as it arrived (still percent-encoded): normalized as {@link java.net.URI#normalize}
     * does ('.' and '..' segments resolved, empty segments dropped), then percent-encoded once more, '%' included. The
     * SDKs encode the path twice for every service but S3, so a queue path {@code /a%20b} is signed as {@code
     * /a%2520b}.
     */
    static String canonicalUri(String rawPath) {
        String normalized = normalizePath(rawPath);
        return PercentCodec.encode(normalized.getBytes(StandardCharsets.UTF_8), true);
    }

    /**
     * The canonical URI of an S3 path: the path exactly as it arrived, neither normalized nor encoded twice, since S3's
     * keys may hold {@code //} and {@code .} segments and the S3 signers sign the path they send (the Java SDK sends
     * {@code +}, {@code !} or {@code $} unescaped when the key was given so, and signs them so).
     *
     * @throws dev.wharf.common.AwsException MalformedQueryString for a broken percent escape
     */
    static String s3CanonicalUri(String rawPath) {
        if (rawPath.isEmpty()) {
            return "/";
        }
        // Decoded only to reject a broken escape, which S3 cannot map to a key.
        PercentCodec.decode(rawPath);
        return rawPath;
    }

    private static String normalizePath(String rawPath) {
        if (rawPath.isEmpty() || rawPath.equals("/")) {
            return "/";
        }
        List<String> segments = new ArrayList<>();
        for (String segment : rawPath.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")
                    && !segments.isEmpty()
                    && !segments.get(segments.size() - 1).equals("..")) {
                segments.remove(segments.size() - 1);
                continue;
            }
            // A '..' with nothing left to climb stays, as URI.normalize keeps it.
            segments.add(segment);
        }
        StringBuilder path = new StringBuilder(rawPath.length());
        for (String segment : segments) {
            path.append('/').append(segment);
        }
        // A trailing slash is kept only when the path as sent ends with one, as the SDK trims what it adds.
        if (path.isEmpty() || rawPath.endsWith("/")) {
            path.append('/');
        }
        return path.toString();
    }

    /** Each value trimmed, its whitespace runs collapsed into one space, the values joined by ','. */
    private static void appendCanonicalValues(StringBuilder canonical, List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                canonical.append(',');
            }
            appendTrimmed(canonical, values.get(i));
        }
    }

    private static void appendTrimmed(StringBuilder canonical, String value) {
        boolean pendingSpace = false;
        boolean wroteWord = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (isWhitespace(c)) {
                pendingSpace = wroteWord;
            } else {
                if (pendingSpace) {
                    canonical.append(' ');
                    pendingSpace = false;
                }
                canonical.append(c);
                wroteWord = true;
            }
        }
    }

    /** The whitespace the SDKs collapse: space, tab, line feed, vertical tab, carriage return and form feed. */
    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000b' || c == '\r' || c == '\f';
    }
}
