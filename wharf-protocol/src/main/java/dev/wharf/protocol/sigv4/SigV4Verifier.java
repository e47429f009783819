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
import org.jspecify.annotations.Nullable;

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
 * <p>S3 is verified by {@link #verifySigned}, with S3's rules: the path is signed as sent, {@code x-amz-content-sha256}
 * is required and declares how the body is signed, and the errors are {@link S3RequestError}s. Only the head is
 * verified there, since the body streams in later: {@link SignedPayload} checks it as it is read.
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

    /** The signing name whose requests follow S3's rules. */
    public static final String S3_SIGNING_NAME = "s3";

    static final String S3_SIGNATURE_MISMATCH_MESSAGE = "The request signature we calculated does not match the"
            + " signature you provided. Check your key and signing method.";

    static final String CONTENT_SHA256_VALUES_MESSAGE = "x-amz-content-sha256 must be UNSIGNED-PAYLOAD,"
            + " STREAMING-UNSIGNED-PAYLOAD-TRAILER, STREAMING-AWS4-HMAC-SHA256-PAYLOAD,"
            + " STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER, STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD,"
            + " STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER or a valid sha256 value.";

    private static final String ECDSA_STREAMING_PREFIX = "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD";

    /**
     * Who sent a request, and how its body is signed.
     *
     * @param caller the access key's account and the credential scope's region
     * @param signing what {@link SignedPayload} needs to check the body
     */
    public record Verified(Caller caller, PayloadSigning signing) {}

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
        if (request.bodyStreamed()) {
            throw new IllegalArgumentException("verify needs the body; a streamed request is verified by verifySigned");
        }
        SigV4Authorization authorization = SigV4AuthorizationDecoder.decode(request);
        boolean acceptAny = credentials.acceptsAnySignature();
        if (!acceptAny) {
            checkTime(authorization, clock.instant());
            checkHostSigned(authorization);
        }
        checkAlgorithm(authorization);
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

    /**
     * Verifies the head of a request, and returns who sent it and how its body is signed, for the body to be checked
     * as it streams in ({@link SignedPayload#open}).
     *
     * <p>For the signing name {@value #S3_SIGNING_NAME}, S3's rules apply: the path is signed as sent; {@code
     * x-amz-content-sha256} is required on a header-signed request and is signed as it is; a presigned request signs
     * {@code UNSIGNED-PAYLOAD} unless it names a hash; the errors are {@link S3RequestError}s. For any other signing
     * name this is {@link #verify} with the mode {@link PayloadSigning#UNSIGNED}, since the whole body was checked.
     *
     * <p>When the credential store accepts any signature, everything is still decoded and the content hash mode is
     * returned, with no signing key: chunk signatures are then not checked.
     *
     * @throws AwsException for S3: AccessDenied (no signature, or a presigned URL expired or not yet valid),
     *     AuthorizationHeaderMalformed, AuthorizationQueryParametersError, RequestTimeTooSkewed, InvalidAccessKeyId,
     *     SignatureDoesNotMatch, InvalidRequest (no {@code x-amz-content-sha256}, or SigV4a streaming), InvalidArgument
     *     (an {@code x-amz-content-sha256} that is no hash or marker), InvalidURI (a broken percent escape)
     */
    public Verified verifySigned(SignedRequest request, String signingName) {
        if (!signingName.equals(S3_SIGNING_NAME)) {
            return new Verified(verify(request, signingName), PayloadSigning.UNSIGNED);
        }
        try {
            return verifyS3(request);
        } catch (AwsException e) {
            throw S3RequestError.fromCommon(e, request.firstHeader("authorization") == null);
        }
    }

    private Verified verifyS3(SignedRequest request) {
        SigV4Authorization authorization = SigV4AuthorizationDecoder.decode(request);
        String contentSha256 = s3ContentSha256(request, authorization);
        boolean acceptAny = credentials.acceptsAnySignature();
        if (!acceptAny) {
            checkS3Time(authorization, clock.instant());
            checkHostSigned(authorization);
        }
        checkAlgorithm(authorization);
        CredentialScope scope = CredentialScope.parse(authorization.credential());
        String scopeText = scope.date() + '/' + scope.region() + '/' + scope.service() + '/' + TERMINATOR;
        if (acceptAny) {
            return new Verified(anyCaller(scope), payloadSigning(contentSha256, authorization, null, scopeText));
        }
        checkScope(scope, authorization, S3_SIGNING_NAME);
        Credential credential = credentials.find(scope.accessKeyId());
        if (credential == null) {
            throw S3RequestError.INVALID_ACCESS_KEY_ID.with(
                    "The AWS Access Key Id you provided does not exist in our records.");
        }
        byte[] key = signingKeys.key(credential.secretAccessKey(), scope.date(), scope.region(), scope.service());
        String canonicalRequest = CanonicalRequestEncoder.encode(
                request, authorization, CanonicalRequestEncoder.s3CanonicalUri(request.rawPath()), contentSha256);
        if (!signatureMatches(authorization, scopeText, key, canonicalRequest)) {
            throw S3RequestError.SIGNATURE_DOES_NOT_MATCH.with(S3_SIGNATURE_MISMATCH_MESSAGE);
        }
        Caller caller = new Caller(credential.accountId(), credential.accessKeyId(), scope.region());
        return new Verified(caller, payloadSigning(contentSha256, authorization, key, scopeText));
    }

    /** The {@code x-amz-content-sha256} that an S3 request signs, checked to be a hash or a known marker. */
    private static String s3ContentSha256(SignedRequest request, SigV4Authorization authorization) {
        String declared = request.firstHeader("x-amz-content-sha256");
        if (declared == null && authorization.presigned()) {
            String named = authorization.query().first("X-Amz-Content-Sha256");
            declared = named != null ? named : PayloadSigning.Mode.UNSIGNED.marker();
        }
        if (declared == null) {
            throw S3RequestError.INVALID_REQUEST.with("Missing required header for this request: x-amz-content-sha256");
        }
        if (HEX_SHA256.matcher(declared).matches() || modeOf(declared) != null) {
            return declared;
        }
        if (declared.equals(ECDSA_STREAMING_PREFIX) || declared.equals(ECDSA_STREAMING_PREFIX + "-TRAILER")) {
            // A valid value, but it belongs to SigV4a, whose ECDSA signatures this verifier does not check.
            throw S3RequestError.INVALID_REQUEST.with(declared + " is signed with SigV4a, which is not supported.");
        }
        throw S3RequestError.INVALID_ARGUMENT.with(CONTENT_SHA256_VALUES_MESSAGE);
    }

    private static PayloadSigning.@Nullable Mode modeOf(String marker) {
        for (PayloadSigning.Mode mode : PayloadSigning.Mode.values()) {
            if (mode != PayloadSigning.Mode.SHA256 && mode.marker().equals(marker)) {
                return mode;
            }
        }
        return null;
    }

    private static PayloadSigning payloadSigning(
            String contentSha256, SigV4Authorization authorization, byte @Nullable [] key, String scopeText) {
        PayloadSigning.Mode mode = modeOf(contentSha256);
        if (mode == null) {
            return new PayloadSigning(PayloadSigning.Mode.SHA256, contentSha256, null);
        }
        if (!mode.signedChunks()) {
            return new PayloadSigning(mode, null, null);
        }
        return new PayloadSigning(
                mode,
                null,
                new PayloadSigning.ChunkSigning(
                        authorization.signature(), key, scopeText, basic(authorization.requestTime())));
    }

    /**
     * S3's time rules: a header-signed request within 15 minutes of the clock, else RequestTimeTooSkewed; a presigned
     * one names its validity, and is AccessDenied before its time or after it expires.
     */
    private static void checkS3Time(SigV4Authorization authorization, Instant now) {
        Instant time = authorization.requestTime();
        if (!authorization.presigned()) {
            if (time.isAfter(now.plus(MAX_SKEW)) || time.isBefore(now.minus(MAX_SKEW))) {
                throw S3RequestError.REQUEST_TIME_TOO_SKEWED.with(
                        "The difference between the request time and the current time is too large.");
            }
            return;
        }
        Duration expires = authorization.expires();
        if (expires == null) {
            throw S3RequestError.AUTHORIZATION_QUERY_PARAMETERS_ERROR.with(S3RequestError.PRESIGNED_PARAMETERS_MESSAGE);
        }
        if (time.isAfter(now.plus(MAX_SKEW))) {
            throw S3RequestError.ACCESS_DENIED.with("Request is not valid yet");
        }
        if (now.isAfter(time.plus(expires))) {
            throw S3RequestError.ACCESS_DENIED.with("Request has expired");
        }
    }

    private static void checkAlgorithm(SigV4Authorization authorization) {
        if (!authorization.algorithm().equals(SigV4AuthorizationDecoder.ALGORITHM)) {
            throw CommonError.INCOMPLETE_SIGNATURE.with("Unsupported AWS 'algorithm': '" + authorization.algorithm()
                    + "' (only " + SigV4AuthorizationDecoder.ALGORITHM + " for now). ");
        }
    }

    private static boolean signatureMatches(
            SigV4Authorization authorization, String scopeText, byte[] key, String canonicalRequest) {
        String stringToSign = SigV4AuthorizationDecoder.ALGORITHM
                + '\n'
                + basic(authorization.requestTime())
                + '\n'
                + scopeText
                + '\n'
                + sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
        String expected = HEX.formatHex(SigningKeys.hmacSha256(key, stringToSign));
        // Compared in constant time, so that the time to answer tells nothing about how much of a guess was right.
        return MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII),
                authorization.signature().getBytes(StandardCharsets.US_ASCII));
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
        String scopeText = scope.date() + '/' + scope.region() + '/' + scope.service() + '/' + TERMINATOR;
        byte[] key = signingKeys.key(credential.secretAccessKey(), scope.date(), scope.region(), scope.service());
        if (!signatureMatches(authorization, scopeText, key, canonicalRequest)) {
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
