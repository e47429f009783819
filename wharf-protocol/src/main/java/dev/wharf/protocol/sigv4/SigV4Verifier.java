package dev.wharf.protocol.sigv4;

import dev.wharf.common.AwsException;
import dev.wharf.common.Caller;
import dev.wharf.common.CommonError;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Verifies the AWS Signature Version 4 of incoming requests, in the {@code Authorization} header form and in the
 * presigned query-string form, and tells who sent them.
 *
 * <p>Checks run in the order AWS runs them, so that a request with several faults gets the error AWS would give:
 *
 * <ol>
 *   <li>a signature is present: {@code MissingAuthenticationToken} otherwise; both forms at once are {@code
 *       SignatureDoesNotMatch};
 *   <li>its parts are present and the date is ISO 8601 basic format: {@code IncompleteSignature};
 *   <li>the time: a header-signed request (or a presigned one without {@code X-Amz-Expires}) must be within 15
 *       minutes of the clock, else {@code SignatureDoesNotMatch} ("Signature expired" or "Signature not yet
 *       current"); a presigned request past its {@code X-Amz-Expires} is {@code RequestExpired};
 *   <li>{@code host} is a signed header: {@code SignatureDoesNotMatch};
 *   <li>the algorithm is {@code AWS4-HMAC-SHA256} and the credential has five parts: {@code IncompleteSignature};
 *   <li>the credential scope names the request's day, the service and {@code aws4_request}, and a region (any
 *       non-empty one): {@code SignatureDoesNotMatch}, one message for all the faults;
 *   <li>the access key is known: {@code InvalidClientTokenId};
 *   <li>the signature matches, and a signed {@code x-amz-content-sha256} matches the body: {@code
 *       SignatureDoesNotMatch}.
 * </ol>
 *
 * <p>When the {@link CredentialStore} accepts any signature, only the {@code MissingAuthenticationToken} and {@code
 * IncompleteSignature} checks run (and the both-forms check): any key, secret, scope and time are accepted, and the
 * account is the access key itself when it is twelve digits, else {@value StaticCredentialStore#DEFAULT_ACCOUNT_ID}.
 *
 * <p>Thread-safe: one verifier serves every request thread. It keeps a bounded cache of derived signing keys.
 */
public final class SigV4Verifier {

    /** How far a request's time may be from the clock, either way. */
    static final Duration MAX_SKEW = Duration.ofMinutes(15);

    static final String SIGNATURE_MISMATCH_MESSAGE = "The request signature we calculated does not match the signature"
            + " you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation"
            + " for details.";

    private static final String TERMINATOR = "aws4_request";
    private static final Pattern ACCOUNT_ID = Pattern.compile("[0-9]{12}");
    private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final HexFormat HEX = HexFormat.of();

    private final CredentialStore credentials;
    private final Clock clock;
    private final SigningKeys signingKeys = new SigningKeys();

    public SigV4Verifier(CredentialStore credentials, Clock clock) {
        this.credentials = credentials;
        this.clock = clock;
    }

    /**
     * Verifies a request's signature and returns who sent it.
     *
     * @param request the request as it arrived
     * @param signingName the service's SigV4 signing name, which the credential scope must name (for example {@code
     *     sqs})
     * @return the caller: the access key's account and the credential scope's region
     * @throws AwsException with a {@link CommonError}: MissingAuthenticationToken, IncompleteSignature,
     *     SignatureDoesNotMatch, RequestExpired, InvalidClientTokenId, or MalformedQueryString for a query with a
     *     broken percent escape
     */
    public Caller verify(SignedRequest request, String signingName) {
        SigV4Authorization authorization = SigV4AuthorizationDecoder.decode(request);
        boolean acceptAny = credentials.acceptsAnySignature();
        if (!acceptAny) {
            checkTime(authorization, clock.instant());
            checkHostSigned(authorization);
        }
        if (!authorization.algorithm().equals(SigV4AuthorizationDecoder.ALGORITHM)) {
            throw CommonError.INCOMPLETE_SIGNATURE.with("Unsupported AWS 'algorithm': '" + authorization.algorithm()
                    + "' (only " + SigV4AuthorizationDecoder.ALGORITHM + " for now). ");
        }
        CredentialScope scope = CredentialScope.parse(authorization.credential());
        if (acceptAny) {
            return anyCaller(scope);
        }
        checkScope(scope, authorization, signingName);
        Credential credential = credentials.find(scope.accessKeyId());
        if (credential == null) {
            throw CommonError.INVALID_CLIENT_TOKEN_ID.with("The security token included in the request is invalid.");
        }
        checkSignature(request, authorization, scope, credential);
        return new Caller(credential.accountId(), credential.accessKeyId(), scope.region());
    }

    private static void checkTime(SigV4Authorization authorization, Instant now) {
        Instant time = authorization.requestTime();
        Instant clockTime = now.truncatedTo(ChronoUnit.SECONDS);
        if (time.isAfter(now.plus(MAX_SKEW))) {
            throw CommonError.SIGNATURE_DOES_NOT_MATCH.with("Signature not yet current: " + basic(time)
                    + " is still later than " + basic(clockTime.plus(MAX_SKEW)) + " (" + basic(clockTime)
                    + " + 15 min.)");
        }
        Duration expires = authorization.expires();
        if (expires != null) {
            if (now.isAfter(time.plus(expires))) {
                throw CommonError.REQUEST_EXPIRED.with("Request has expired.");
            }
        } else if (time.isBefore(now.minus(MAX_SKEW))) {
            throw CommonError.SIGNATURE_DOES_NOT_MATCH.with(
                    "Signature expired: " + basic(time) + " is now earlier than " + basic(clockTime.minus(MAX_SKEW))
                            + " (" + basic(clockTime) + " - 15 min.)");
        }
    }

    private static void checkHostSigned(SigV4Authorization authorization) {
        if (!authorization.signedHeaders().contains("host")
                && !authorization.signedHeaders().contains(":authority")) {
            throw CommonError.SIGNATURE_DOES_NOT_MATCH.with(
                    "'Host' must be a 'SignedHeader' in the AWS Authorization.");
        }
    }

    /** Collects every scope fault into one message, as AWS does. */
    private static void checkScope(CredentialScope scope, SigV4Authorization authorization, String signingName) {
        StringBuilder faults = new StringBuilder();
        if (scope.region().isEmpty()) {
            faults.append("Credential should be scoped to a valid region, not '")
                    .append(scope.region())
                    .append("'. ");
        }
        if (!scope.service().equals(signingName)) {
            faults.append("Credential should be scoped to correct service: '")
                    .append(signingName)
                    .append("'. ");
        }
        if (!scope.terminator().equals(TERMINATOR)) {
            faults.append("Credential should be scoped with a valid terminator: 'aws4_request', not '")
                    .append(scope.terminator())
                    .append("'. ");
        }
        String requestTime = basic(authorization.requestTime());
        String requestDay = requestTime.substring(0, 8);
        if (!scope.date().equals(requestDay)) {
            faults.append("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '")
                    .append(scope.date())
                    .append("' != '")
                    .append(requestDay)
                    .append("', from '")
                    .append(requestTime)
                    .append("'.");
        }
        if (!faults.isEmpty()) {
            throw CommonError.SIGNATURE_DOES_NOT_MATCH.with(faults.toString());
        }
    }

    private void checkSignature(
            SignedRequest request, SigV4Authorization authorization, CredentialScope scope, Credential credential) {
        String canonicalRequest =
                CanonicalRequestEncoder.encode(request, authorization, payloadHash(request, authorization));
        String stringToSign = SigV4AuthorizationDecoder.ALGORITHM
                + '\n'
                + basic(authorization.requestTime())
                + '\n'
                + scope.date()
                + '/'
                + scope.region()
                + '/'
                + scope.service()
                + '/'
                + TERMINATOR
                + '\n'
                + sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
        byte[] key = signingKeys.key(credential.secretAccessKey(), scope.date(), scope.region(), scope.service());
        String expected = HEX.formatHex(SigningKeys.hmacSha256(key, stringToSign));
        // Compared in constant time, so that the time to answer tells nothing about how much of a guess was right.
        if (!MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII),
                authorization.signature().getBytes(StandardCharsets.US_ASCII))) {
            throw CommonError.SIGNATURE_DOES_NOT_MATCH.with(SIGNATURE_MISMATCH_MESSAGE);
        }
    }

    /**
     * The payload hash the client signed: the {@code x-amz-content-sha256} header when sent (it must then match the
     * body, unless it is a marker such as {@code UNSIGNED-PAYLOAD}); for a presigned request, the {@code
     * X-Amz-Content-Sha256} parameter when sent; else the SHA-256 of the body.
     */
    private static String payloadHash(SignedRequest request, SigV4Authorization authorization) {
        String declared = request.firstHeader("x-amz-content-sha256");
        if (declared == null && authorization.presigned()) {
            declared = authorization.query().first("X-Amz-Content-Sha256");
        }
        if (declared == null) {
            return sha256Hex(request.body());
        }
        if (HEX_SHA256.matcher(declared).matches()
                && !declared.toLowerCase(Locale.ROOT).equals(sha256Hex(request.body()))) {
            // The header is signed, so only comparing it with the body shows that the body was changed.
            throw CommonError.SIGNATURE_DOES_NOT_MATCH.with(SIGNATURE_MISMATCH_MESSAGE);
        }
        return declared;
    }

    private Caller anyCaller(CredentialScope scope) {
        String accessKeyId = scope.accessKeyId();
        Credential known = credentials.find(accessKeyId);
        String accountId = known != null
                ? known.accountId()
                : ACCOUNT_ID.matcher(accessKeyId).matches() ? accessKeyId : StaticCredentialStore.DEFAULT_ACCOUNT_ID;
        return new Caller(accountId, accessKeyId, scope.region());
    }

    private static String basic(Instant time) {
        return SigV4AuthorizationDecoder.basicFormat(time);
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            // Every JDK provides SHA-256.
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }
}
