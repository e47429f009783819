package dev.wharf.protocol.sigv4;

import dev.wharf.common.AwsException;
import dev.wharf.common.CommonError;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a request's SigV4 parts from its {@code Authorization} header or its presigned query string, and rejects a
 * request whose parts are missing or malformed, in the order and with the messages that AWS uses.
 */
final class SigV4AuthorizationDecoder {

    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    static final String X_AMZ_SIGNATURE = "X-Amz-Signature";

    /** SigV4's longest presigned validity, seven days. */
    static final long MAX_EXPIRES_SECONDS = 604_800;

    /** The SigV4 time format, ISO 8601 "basic format" in UTC: {@code 20250101T120000Z}. */
    static final DateTimeFormatter BASIC_FORMAT = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC)
            .withResolverStyle(ResolverStyle.STRICT);

    private SigV4AuthorizationDecoder() {}

    /**
     * Reads the signature parts of a request.
     *
     * @throws AwsException MissingAuthenticationToken when the request carries no SigV4 signature,
     *     IncompleteSignature when a part is missing or malformed, SignatureDoesNotMatch when it carries both forms,
     *     MalformedQueryString when its query has a broken escape
     */
    static SigV4Authorization decode(SignedRequest request) {
        QueryParameters query = QueryParameters.parse(request.rawQuery());
        String header = request.firstHeader("authorization");
        String queryAlgorithm = query.first("X-Amz-Algorithm");
        if (header != null && queryAlgorithm != null) {
            throw CommonError.SIGNATURE_DOES_NOT_MATCH.with(
                    "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header.");
        }
        if (header != null) {
            return fromHeader(request, header.strip(), query);
        }
        if (queryAlgorithm != null) {
            return fromQuery(queryAlgorithm, query);
        }
        throw missingAuthenticationToken();
    }

    private static SigV4Authorization fromHeader(SignedRequest request, String header, QueryParameters query) {
        if (!header.startsWith("AWS4-")) {
            throw missingAuthenticationToken();
        }
        List<String> tokens = tokens(header);
        Map<String, String> parameters = new HashMap<>();
        for (int i = 1; i < tokens.size(); i++) {
            String token = tokens.get(i);
            int equals = token.indexOf('=');
            if (equals < 0) {
                throw CommonError.INCOMPLETE_SIGNATURE.with("'" + token
                        + "' not a valid key=value pair (missing equal-sign) in Authorization header: '" + header
                        + "'");
            }
            // A repeated parameter takes its last value, as AWS does.
            parameters.put(token.substring(0, equals), token.substring(equals + 1));
        }
        StringBuilder missing = new StringBuilder();
        String credential = required(parameters, "Credential", missing);
        String signature = required(parameters, "Signature", missing);
        String signedHeaders = required(parameters, "SignedHeaders", missing);
        String amzDate = request.firstHeader("x-amz-date");
        String date = amzDate != null ? amzDate : request.firstHeader("date");
        if (date == null) {
            missing.append("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ");
        }
        if (!missing.isEmpty() || date == null) {
            throw CommonError.INCOMPLETE_SIGNATURE.with(missing + "Authorization=" + header);
        }
        Instant requestTime = amzDate != null ? parseBasic(amzDate) : parseDateHeader(date);
        return new SigV4Authorization(
                false,
                tokens.get(0),
                credential,
                splitSignedHeaders(signedHeaders),
                signature,
                requestTime,
                null,
                query);
    }

    /** The header's words between runs of commas and whitespace, none empty. */
    private static List<String> tokens(String header) {
        List<String> tokens = new ArrayList<>(4);
        int start = -1;
        for (int i = 0; i <= header.length(); i++) {
            boolean separator = i == header.length() || separates(header.charAt(i));
            if (separator && start >= 0) {
                tokens.add(header.substring(start, i));
                start = -1;
            } else if (!separator && start < 0) {
                start = i;
            }
        }
        return tokens;
    }

    private static String required(Map<String, String> parameters, String name, StringBuilder missing) {
        String value = parameters.get(name);
        if (value == null || value.isEmpty()) {
            missing.append("Authorization header requires '").append(name).append("' parameter. ");
            return "";
        }
        return value;
    }

    private static SigV4Authorization fromQuery(String algorithm, QueryParameters query) {
        if (!algorithm.equals(ALGORITHM)) {
            throw missingAuthenticationToken();
        }
        StringBuilder missing = new StringBuilder();
        String credential = required(query, "X-Amz-Credential", missing);
        String signature = required(query, X_AMZ_SIGNATURE, missing);
        String signedHeaders = required(query, "X-Amz-SignedHeaders", missing);
        String date = required(query, "X-Amz-Date", missing);
        if (!missing.isEmpty()) {
            throw CommonError.INCOMPLETE_SIGNATURE.with(missing + "Re-examine the query-string parameters.");
        }
        Instant requestTime = parseBasic(date);
        String expires = query.first("X-Amz-Expires");
        return new SigV4Authorization(
                true,
                algorithm,
                credential,
                splitSignedHeaders(signedHeaders),
                signature,
                requestTime,
                expires == null ? null : parseExpires(expires),
                query);
    }

    private static String required(QueryParameters query, String name, StringBuilder missing) {
        String value = query.first(name);
        if (value == null || value.isEmpty()) {
            missing.append("AWS query-string parameters must include '")
                    .append(name)
                    .append("'. ");
            return "";
        }
        return value;
    }

    private static List<String> splitSignedHeaders(String signedHeaders) {
        List<String> names = new ArrayList<>();
        for (String name : signedHeaders.split(";", -1)) {
            names.add(name.toLowerCase(Locale.ROOT));
        }
        return List.copyOf(names);
    }

    private static Instant parseBasic(String date) {
        try {
            if (date.length() == 16
                    && date.charAt(8) == 'T'
                    && date.charAt(15) == 'Z'
                    && digitsAt(date, 0, 8)
                    && digitsAt(date, 9, 15)) {
                // The common case without the formatter's cost; LocalDateTime rejects the same impossible dates.
                return LocalDateTime.of(
                                number(date, 0, 4),
                                number(date, 4, 6),
                                number(date, 6, 8),
                                number(date, 9, 11),
                                number(date, 11, 13),
                                number(date, 13, 15))
                        .toInstant(ZoneOffset.UTC);
            }
            return BASIC_FORMAT.parse(date, Instant::from);
        } catch (DateTimeException e) {
            throw notBasicFormat(date);
        }
    }

    /** A comma, or what the regular expression class {@code \\s} matches. */
    private static boolean separates(char c) {
        return c == ',' || c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    private static boolean digitsAt(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static int number(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            value = value * 10 + text.charAt(i) - '0';
        }
        return value;
    }

    /** The {@code Date} header may carry either the SigV4 format or the HTTP one (RFC 1123). */
    private static Instant parseDateHeader(String date) {
        try {
            return BASIC_FORMAT.parse(date, Instant::from);
        } catch (DateTimeException e) {
            try {
                return DateTimeFormatter.RFC_1123_DATE_TIME.parse(date, Instant::from);
            } catch (DateTimeException notHttpDate) {
                throw notBasicFormat(date);
            }
        }
    }

    private static AwsException notBasicFormat(String date) {
        return CommonError.INCOMPLETE_SIGNATURE.with("Date must be in ISO-8601 'basic format'. Got '" + date
                + "'. See http://en.wikipedia.org/wiki/ISO_8601");
    }

    private static Duration parseExpires(String expires) {
        long seconds;
        try {
            seconds = Long.parseLong(expires);
        } catch (NumberFormatException e) {
            throw CommonError.INCOMPLETE_SIGNATURE.with("X-Amz-Expires should be a number");
        }
        if (seconds < 1) {
            throw CommonError.INCOMPLETE_SIGNATURE.with("X-Amz-Expires must be at least 1 second; got " + seconds);
        }
        if (seconds > MAX_EXPIRES_SECONDS) {
            throw CommonError.INCOMPLETE_SIGNATURE.with("X-Amz-Expires must be less than a week (in seconds); that is,"
                    + " the given X-Amz-Expires must be less than 604800 seconds");
        }
        return Duration.ofSeconds(seconds);
    }

    private static AwsException missingAuthenticationToken() {
        return CommonError.MISSING_AUTHENTICATION_TOKEN.with("Request is missing Authentication Token");
    }

    /** Formats a time the way SigV4 writes it. */
    static String basicFormat(Instant time) {
        return BASIC_FORMAT.format(time);
    }
}
