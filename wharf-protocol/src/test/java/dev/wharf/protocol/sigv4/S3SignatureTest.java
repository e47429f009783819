package dev.wharf.protocol.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.common.AwsErrorCode;
import dev.wharf.common.AwsException;
import dev.wharf.common.Caller;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.checksums.DefaultChecksumAlgorithm;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;

class S3SignatureTest {

    private static final String ACCESS_KEY_ID = "AKIAWHARFEXAMPLE";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final String ACCOUNT_ID = "123456789012";
    private static final Instant SIGNED_AT = Instant.parse("2025-01-01T12:00:00Z");
    private static final String ENDPOINT = "https://localhost:4566";
    private static final String SCOPE = "20250101/us-east-1/s3/aws4_request";
    private static final byte[] BODY = "hello world".getBytes(StandardCharsets.UTF_8);
    private static final Caller CALLER = new Caller(ACCOUNT_ID, ACCESS_KEY_ID, "us-east-1");

    private final CredentialStore store =
            new StaticCredentialStore(List.of(new Credential(ACCESS_KEY_ID, SECRET, ACCOUNT_ID)));
    private final S3SdkSigner sdk = new S3SdkSigner(ACCESS_KEY_ID, SECRET, Clock.fixed(SIGNED_AT, ZoneOffset.UTC));

    @Test
    void acceptsPutWithBodyHashSignedBySdkSigner() {
        SignedRequest request = put(S3SdkSigner.Body.SIGNED);

        SigV4Verifier.Verified verified = verifierAt(SIGNED_AT).verifySigned(request, "s3");

        assertThat(verified.caller()).isEqualTo(CALLER);
        assertThat(verified.signing().mode()).isEqualTo(PayloadSigning.Mode.SHA256);
        assertThat(verified.signing().sha256Hex()).isEqualTo(SigV4Verifier.sha256Hex(BODY));
        assertThat(verified.signing().chunks()).isNull();
    }

    @Test
    void acceptsUnsignedPayloadSignedBySdkSigner() {
        SignedRequest request = put(S3SdkSigner.Body.UNSIGNED);

        assertThat(request.firstHeader("x-amz-content-sha256")).isEqualTo("UNSIGNED-PAYLOAD");
        assertThat(verifierAt(SIGNED_AT).verifySigned(request, "s3"))
                .isEqualTo(new SigV4Verifier.Verified(CALLER, PayloadSigning.UNSIGNED));
    }

    @Test
    void acceptsChunkedSignedPutAndReturnsWhatChunkSignaturesNeed() {
        SignedRequest request = sdk.put(ENDPOINT + "/bucket/key", BODY, S3SdkSigner.Body.CHUNKED_SIGNED, null)
                .head();

        SigV4Verifier.Verified verified = verifierAt(SIGNED_AT).verifySigned(request, "s3");

        assertThat(verified.caller()).isEqualTo(CALLER);
        assertThat(verified.signing().mode()).isEqualTo(PayloadSigning.Mode.STREAMING_SIGNED);
        PayloadSigning.ChunkSigning chunks =
                Objects.requireNonNull(verified.signing().chunks());
        assertThat(chunks.seedSignature()).isEqualTo(signatureOf(request));
        assertThat(chunks.scope()).isEqualTo(SCOPE);
        assertThat(chunks.requestTime()).isEqualTo("20250101T120000Z");
        assertThat(chunks.signingKey()).isEqualTo(new SigningKeys().key(SECRET, "20250101", "us-east-1", "s3"));
    }

    @Test
    void acceptsChunkedSignedPutWithTrailer() {
        SignedRequest request = sdk.put(
                        ENDPOINT + "/bucket/key", BODY, S3SdkSigner.Body.CHUNKED_SIGNED, DefaultChecksumAlgorithm.CRC32)
                .head();

        SigV4Verifier.Verified verified = verifierAt(SIGNED_AT).verifySigned(request, "s3");

        assertThat(verified.signing().mode()).isEqualTo(PayloadSigning.Mode.STREAMING_SIGNED_TRAILER);
        assertThat(Objects.requireNonNull(verified.signing().chunks()).seedSignature())
                .isEqualTo(signatureOf(request));
    }

    @Test
    void acceptsUnsignedTrailerPut() {
        SignedRequest request = sdk.put(
                        ENDPOINT + "/bucket/key",
                        BODY,
                        S3SdkSigner.Body.CHUNKED_UNSIGNED,
                        DefaultChecksumAlgorithm.CRC32)
                .head();

        SigV4Verifier.Verified verified = verifierAt(SIGNED_AT).verifySigned(request, "s3");

        assertThat(verified.signing())
                .isEqualTo(new PayloadSigning(PayloadSigning.Mode.STREAMING_UNSIGNED_TRAILER, null, null));
    }

    @Test
    void acceptsPresignedGetSignedAsUnsignedPayload() {
        SignedRequest request = sdk.presignedGet(ENDPOINT + "/bucket/key?versionId=3", Duration.ofMinutes(5));

        assertThat(request.rawQuery()).contains("X-Amz-Signature=");
        assertThat(verifierAt(SIGNED_AT.plus(Duration.ofMinutes(4))).verifySigned(request, "s3"))
                .isEqualTo(new SigV4Verifier.Verified(CALLER, PayloadSigning.UNSIGNED));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/bucket",
                "/bucket/",
                "/bucket/my%20key",
                "/bucket/a%2Bb",
                "/bucket/a+b",
                "/bucket//double//slashes",
                "/bucket/./dot/../segments",
                "/bucket/a%2Fb",
                "/bucket/%E2%82%AC/%F0%9F%98%80",
                "/bucket/a~b_c-d.e",
                "/bucket/a!b$c'd(e)f*g"
            })
    void acceptsKeysAsS3SignsThem(String path) {
        SignedRequest request =
                sdk.put(ENDPOINT + path, BODY, S3SdkSigner.Body.SIGNED, null).head();

        assertThat(request.rawPath()).isEqualTo(path);
        assertThat(verifierAt(SIGNED_AT).verifySigned(request, "s3").caller()).isEqualTo(CALLER);
    }

    @Test
    void signsDotSegmentsAsSentUnlikeOtherServices() {
        SignedRequest request = sdk.put(ENDPOINT + "/bucket/./a/../b", BODY, S3SdkSigner.Body.SIGNED, null)
                .head();
        SignedRequest normalized = withPath(request, "/bucket/b");

        assertError(
                () -> verifierAt(SIGNED_AT).verifySigned(normalized, "s3"),
                S3RequestError.SIGNATURE_DOES_NOT_MATCH,
                SigV4Verifier.S3_SIGNATURE_MISMATCH_MESSAGE);
    }

    @Test
    void acceptsQueryParametersOfS3Operations() {
        SdkHttpRequest get = SdkHttpRequest.builder()
                .method(SdkHttpMethod.GET)
                .uri(URI.create(ENDPOINT + "/bucket"))
                .putRawQueryParameter("list-type", "2")
                .putRawQueryParameter("prefix", "a b/c+d€")
                .putRawQueryParameter("delimiter", "/")
                .putRawQueryParameter("uploads", "")
                .build();
        SignedRequest request =
                sdk.sign(get, new byte[0], S3SdkSigner.Body.SIGNED, null).head();

        assertThat(verifierAt(SIGNED_AT).verifySigned(request, "s3").caller()).isEqualTo(CALLER);
    }

    @Test
    void rejectsHeaderSignedRequestWithoutContentSha256() {
        SignedRequest request = withoutHeader(put(S3SdkSigner.Body.SIGNED), "x-amz-content-sha256");

        assertError(
                () -> verifierAt(SIGNED_AT).verifySigned(request, "s3"),
                S3RequestError.INVALID_REQUEST,
                "Missing required header for this request: x-amz-content-sha256");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "unsigned-payload", "STREAMING-PAYLOAD", "tjnVEQ5UTP/DL91eAGOmew=="})
    void rejectsContentSha256ThatIsNeitherHashNorMarker(String value) {
        SignedRequest request = withHeader(put(S3SdkSigner.Body.SIGNED), "x-amz-content-sha256", value);

        assertError(
                () -> verifierAt(SIGNED_AT).verifySigned(request, "s3"),
                S3RequestError.INVALID_ARGUMENT,
                "x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER,"
                        + " STREAMING-AWS4-HMAC-SHA256-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER,"
                        + " STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD, STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER"
                        + " or a valid sha256 value.");
    }

    @Test
    void rejectsSigV4aStreamingAsUnsupported() {
        SignedRequest request = withHeader(
                put(S3SdkSigner.Body.SIGNED), "x-amz-content-sha256", "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD");

        assertCode(() -> verifierAt(SIGNED_AT).verifySigned(request, "s3"), S3RequestError.INVALID_REQUEST);
    }

    @Test
    void rejectsChangedContentSha256WithSignatureDoesNotMatch() {
        SignedRequest request = withHeader(
                put(S3SdkSigner.Body.SIGNED), "x-amz-content-sha256", SigV4Verifier.sha256Hex(new byte[] {1}));

        assertError(
                () -> verifierAt(SIGNED_AT).verifySigned(request, "s3"),
                S3RequestError.SIGNATURE_DOES_NOT_MATCH,
                "The request signature we calculated does not match the signature you provided. Check your key and"
                        + " signing method.");
    }

    @Test
    void rejectsWrongSecretWithSignatureDoesNotMatch() {
        SignedRequest request = new S3SdkSigner(ACCESS_KEY_ID, "not-the-secret", Clock.fixed(SIGNED_AT, ZoneOffset.UTC))
                .put(ENDPOINT + "/bucket/key", BODY, S3SdkSigner.Body.SIGNED, null)
                .head();

        assertError(
                () -> verifierAt(SIGNED_AT).verifySigned(request, "s3"),
                S3RequestError.SIGNATURE_DOES_NOT_MATCH,
                SigV4Verifier.S3_SIGNATURE_MISMATCH_MESSAGE);
    }

    @Test
    void rejectsUnknownAccessKeyWithInvalidAccessKeyId() {
        SignedRequest request = new S3SdkSigner("AKIAUNKNOWN", SECRET, Clock.fixed(SIGNED_AT, ZoneOffset.UTC))
                .put(ENDPOINT + "/bucket/key", BODY, S3SdkSigner.Body.SIGNED, null)
                .head();

        assertError(
                () -> verifierAt(SIGNED_AT).verifySigned(request, "s3"),
                S3RequestError.INVALID_ACCESS_KEY_ID,
                "The AWS Access Key Id you provided does not exist in our records.");
    }

    @Test
    void rejectsRequestWithoutSignatureWithAccessDenied() {
        SignedRequest request = withoutHeader(put(S3SdkSigner.Body.SIGNED), "authorization");

        assertError(
                () -> verifierAt(SIGNED_AT).verifySigned(request, "s3"), S3RequestError.ACCESS_DENIED, "Access Denied");
    }

    @Test
    void rejectsMalformedAuthorizationHeader() {
        SignedRequest request = withHeader(
                put(S3SdkSigner.Body.SIGNED), "authorization", "AWS4-HMAC-SHA256 Credential=" + ACCESS_KEY_ID);

        assertCode(
                () -> verifierAt(SIGNED_AT).verifySigned(request, "s3"), S3RequestError.AUTHORIZATION_HEADER_MALFORMED);
    }

    @Test
    void rejectsHeaderSignedRequestSixteenMinutesOldWithRequestTimeTooSkewed() {
        SignedRequest request = put(S3SdkSigner.Body.SIGNED);

        assertError(
                () -> verifierAt(SIGNED_AT.plus(Duration.ofMinutes(16))).verifySigned(request, "s3"),
                S3RequestError.REQUEST_TIME_TOO_SKEWED,
                "The difference between the request time and the current time is too large.");
    }

    @Test
    void rejectsExpiredPresignedUrlWithAccessDenied() {
        SignedRequest request = sdk.presignedGet(ENDPOINT + "/bucket/key", Duration.ofMinutes(5));

        assertError(
                () -> verifierAt(SIGNED_AT.plus(Duration.ofMinutes(6))).verifySigned(request, "s3"),
                S3RequestError.ACCESS_DENIED,
                "Request has expired");
    }

    @Test
    void rejectsPresignedUrlWithoutExpiresWithAuthorizationQueryParametersError() {
        SignedRequest presigned = sdk.presignedGet(ENDPOINT + "/bucket/key", Duration.ofMinutes(5));
        SignedRequest request = withQuery(presigned, presigned.rawQuery().replaceAll("&?X-Amz-Expires=300", ""));

        assertError(
                () -> verifierAt(SIGNED_AT).verifySigned(request, "s3"),
                S3RequestError.AUTHORIZATION_QUERY_PARAMETERS_ERROR,
                S3RequestError.PRESIGNED_PARAMETERS_MESSAGE);
    }

    @Test
    void rejectsPresignedUrlWithoutSignatureWithAuthorizationQueryParametersError() {
        SignedRequest presigned = sdk.presignedGet(ENDPOINT + "/bucket/key", Duration.ofMinutes(5));
        SignedRequest request =
                withQuery(presigned, presigned.rawQuery().replaceAll("&?X-Amz-Signature=[0-9a-f]+", ""));

        assertError(
                () -> verifierAt(SIGNED_AT).verifySigned(request, "s3"),
                S3RequestError.AUTHORIZATION_QUERY_PARAMETERS_ERROR,
                "Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential,"
                        + " X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.");
    }

    @Test
    void rejectsPresignedUrlWithChangedKey() {
        SignedRequest request = withPath(sdk.presignedGet(ENDPOINT + "/bucket/key", Duration.ofMinutes(5)), "/b/k");

        assertCode(() -> verifierAt(SIGNED_AT).verifySigned(request, "s3"), S3RequestError.SIGNATURE_DOES_NOT_MATCH);
    }

    @Test
    void rejectsBrokenPercentEscapeInPathWithInvalidUri() {
        SignedRequest request = withPath(put(S3SdkSigner.Body.SIGNED), "/bucket/a%zz");

        assertError(
                () -> verifierAt(SIGNED_AT).verifySigned(request, "s3"),
                S3RequestError.INVALID_URI,
                "Couldn't parse the specified URI.");
    }

    @Test
    void acceptsAnySignatureButStillDecodesTheContentHashMode() {
        SignedRequest request = new S3SdkSigner("AKIAANY", "any-secret", Clock.fixed(SIGNED_AT, ZoneOffset.UTC))
                .put(ENDPOINT + "/bucket/key", BODY, S3SdkSigner.Body.CHUNKED_SIGNED, DefaultChecksumAlgorithm.CRC32)
                .head();
        SigV4Verifier acceptAny =
                new SigV4Verifier(new StaticCredentialStore(List.of()), Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));

        SigV4Verifier.Verified verified = acceptAny.verifySigned(request, "s3");

        assertThat(verified.caller()).isEqualTo(new Caller("000000000000", "AKIAANY", "us-east-1"));
        assertThat(verified.signing().mode()).isEqualTo(PayloadSigning.Mode.STREAMING_SIGNED_TRAILER);
        PayloadSigning.ChunkSigning chunks =
                Objects.requireNonNull(verified.signing().chunks());
        assertThat(chunks.signingKey()).isNull();
        assertThat(chunks.seedSignature()).isEqualTo(signatureOf(request));
    }

    @Test
    void acceptAnySignatureStillRequiresContentSha256() {
        SignedRequest request = withoutHeader(put(S3SdkSigner.Body.SIGNED), "x-amz-content-sha256");
        SigV4Verifier acceptAny =
                new SigV4Verifier(new StaticCredentialStore(List.of()), Clock.fixed(SIGNED_AT, ZoneOffset.UTC));

        assertCode(() -> acceptAny.verifySigned(request, "s3"), S3RequestError.INVALID_REQUEST);
    }

    @Test
    void verifySignedOfOtherServicesIsVerifyWithNothingLeftToCheck() {
        SignedRequest request = new SdkSigner(
                        ACCESS_KEY_ID, SECRET, "us-east-1", "sqs", Clock.fixed(SIGNED_AT, ZoneOffset.UTC))
                .queryPost("http://localhost:9324/", "Action=ListQueues&Version=2012-11-05");

        assertThat(verifierAt(SIGNED_AT).verifySigned(request, "sqs"))
                .isEqualTo(new SigV4Verifier.Verified(CALLER, PayloadSigning.UNSIGNED));
    }

    @Test
    void verifyRefusesStreamedRequestSinceItNeedsTheBody() {
        SignedRequest request = put(S3SdkSigner.Body.SIGNED);

        assertThatThrownBy(() -> verifierAt(SIGNED_AT).verify(request, "s3"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private SignedRequest put(S3SdkSigner.Body mode) {
        return sdk.put(ENDPOINT + "/bucket/key", BODY, mode, null).head();
    }

    private SigV4Verifier verifierAt(Instant now) {
        return new SigV4Verifier(store, Clock.fixed(now, ZoneOffset.UTC));
    }

    private static String signatureOf(SignedRequest request) {
        String authorization = Objects.requireNonNull(request.firstHeader("authorization"));
        return authorization.substring(authorization.indexOf("Signature=") + "Signature=".length());
    }

    static SignedRequest withHeader(SignedRequest request, String name, String value) {
        Map<String, List<String>> headers = new LinkedHashMap<>(request.headers());
        headers.put(name, List.of(value));
        return SignedRequest.streamed(request.method(), request.rawPath(), request.rawQuery(), headers);
    }

    static SignedRequest withoutHeader(SignedRequest request, String name) {
        Map<String, List<String>> headers = new LinkedHashMap<>(request.headers());
        headers.remove(name);
        return SignedRequest.streamed(request.method(), request.rawPath(), request.rawQuery(), headers);
    }

    private static SignedRequest withQuery(SignedRequest request, String rawQuery) {
        return SignedRequest.streamed(request.method(), request.rawPath(), rawQuery, request.headers());
    }

    private static SignedRequest withPath(SignedRequest request, String rawPath) {
        return SignedRequest.streamed(request.method(), rawPath, request.rawQuery(), request.headers());
    }

    private static void assertError(ThrowingCallable call, AwsErrorCode code, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(AwsException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    private static void assertCode(ThrowingCallable call, AwsErrorCode code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code())
                .isEqualTo(code));
    }
}
