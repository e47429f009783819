package dev.wharf.protocol.sigv4;

import dev.wharf.common.AwsException;
import dev.wharf.common.CommonError;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

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

    private static final Pattern HEADER_SEPARATORS = Pattern.compile("[,\\s]+");

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
        String[] tokens = HEADER_SEPARATORS.split(header, -1);
        Map<String, String> parameters = new HashMap<>();
        for (int i = 1; i < tokens.length; i++) {
            if (tokens[i].isEmpty()) {
                continue;
            }
            int equals = tokens[i].indexOf('=');
            if (equals < 0) {
                throw CommonError.INCOMPLETE_SIGNATURE.with("'" + tokens[i]
                        + "' not a valid key=value pair (missing equal-sign) in Authorization header: '" + header
                        + "'");
            }
            // A repeated parameter takes its last value, as AWS does.
            parameters.put(tokens[i].substring(0, equals), tokens[i].substring(equals + 1));
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
                false, tokens[0], credential, splitSignedHeaders(signedHeaders), signature, requestTime, null, query);
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
            return BASIC_FORMAT.parse(date, Instant::from);
        } catch (DateTimeException e) {
            throw notBasicFormat(date);
        }
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
