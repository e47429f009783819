package dev.wharf.protocol.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.common.AwsException;
import dev.wharf.common.Caller;
import dev.wharf.common.CommonError;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;

class SigV4VerifierTest {

    private static final String ACCESS_KEY_ID = "AKIAWHARFEXAMPLE";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final String ACCOUNT_ID = "123456789012";
    private static final Instant SIGNED_AT = Instant.parse("2025-01-01T12:00:00Z");
    private static final String SCOPE = ACCESS_KEY_ID + "/20250101/us-east-1/sqs/aws4_request";
    private static final String ENDPOINT = "http://localhost:9324";
    private static final String SEND_MESSAGE_FORM = "Action=SendMessage&QueueUrl=http%3A%2F%2Flocalhost%3A9324"
            + "%2F123456789012%2Fmy-queue&MessageBody=hello%20world&Version=2012-11-05";
    private static final String SEND_MESSAGE_JSON =
            "{\"QueueUrl\":\"http://localhost:9324/123456789012/my-queue\",\"MessageBody\":\"hello world\"}";

    private static final Caller CALLER = new Caller(ACCOUNT_ID, ACCESS_KEY_ID, "us-east-1");

    private final CredentialStore store =
            new StaticCredentialStore(List.of(new Credential(ACCESS_KEY_ID, SECRET, ACCOUNT_ID)));
    private final SdkSigner sdk = signer(ACCESS_KEY_ID, SECRET, "sqs");

    @Test
    void acceptsQueryProtocolPostSignedBySdkSigner() {
        SignedRequest request = sdk.queryPost(ENDPOINT + "/", SEND_MESSAGE_FORM);

        assertThat(verifierAt(SIGNED_AT).verify(request, "sqs")).isEqualTo(CALLER);
    }

    @Test
    void acceptsJsonPostWithTargetSignedBySdkSigner() {
        SignedRequest request = sdk.jsonPost(ENDPOINT + "/", "AmazonSQS.SendMessage", SEND_MESSAGE_JSON);

        assertThat(request.headers()).containsKey("x-amz-target");
        assertThat(verifierAt(SIGNED_AT).verify(request, "sqs")).isEqualTo(CALLER);
    }

    @Test
    void acceptsPresignedGetSignedBySdkSigner() {
        SignedRequest request = sdk.presignedGet(
                ENDPOINT + "/123456789012/my-queue?Action=ReceiveMessage&MaxNumberOfMessages=1", Duration.ofMinutes(5));

        assertThat(request.rawQuery()).contains("X-Amz-Signature=").contains("X-Amz-Expires=300");
        assertThat(request.firstHeader("authorization")).isNull();
        assertThat(verifierAt(SIGNED_AT.plus(Duration.ofMinutes(4))).verify(request, "sqs"))
                .isEqualTo(CALLER);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/",
                "/123456789012/my-queue",
                "/123456789012/my%20queue",
                "/123456789012/a%2Fb",
                "/123456789012/%E2%82%AC",
                "/123456789012/a+b~c",
                "/a/./b/../123456789012/my-queue",
                "/a//b",
                "/123456789012/my-queue/"
            })
    void acceptsPathsSignedBySdkSigner(String path) {
        SignedRequest request = sdk.queryPost(ENDPOINT + path, SEND_MESSAGE_FORM);

        assertThat(request.rawPath()).isEqualTo(path);
        assertThat(verifierAt(SIGNED_AT).verify(request, "sqs")).isEqualTo(CALLER);
    }

    @Test
    void acceptsQueryParametersWithReservedCharactersSignedBySdkSigner() {
        SdkHttpRequest get = SdkHttpRequest.builder()
                .method(SdkHttpMethod.GET)
                .uri(URI.create(ENDPOINT + "/"))
                .putRawQueryParameter("Action", "ListQueues")
                .putRawQueryParameter("QueueNamePrefix", "a b*~+/=&€")
                .putRawQueryParameter("Empty", "")
                .putRawQueryParameter("Repeated", List.of("b", "a"))
                .build();
        SignedRequest request = sdk.sign(get, new byte[0]);

        assertThat(verifierAt(SIGNED_AT).verify(request, "sqs")).isEqualTo(CALLER);
    }

    @Test
    void acceptsHeadersWithWhitespaceRunsAndSeveralValuesSignedBySdkSigner() {
        SdkHttpRequest post = SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(URI.create(ENDPOINT + "/"))
                .putHeader("Content-Type", "application/x-www-form-urlencoded")
                .putHeader("X-Wharf-Test", List.of("  spaced   out\tvalue ", "second"))
                .build();
        SignedRequest request = sdk.sign(post, SEND_MESSAGE_FORM.getBytes(StandardCharsets.UTF_8));

        assertThat(request.firstHeader("authorization")).contains("x-wharf-test");
        assertThat(verifierAt(SIGNED_AT).verify(request, "sqs")).isEqualTo(CALLER);
    }

    @Test
    void acceptsRequestSignedFourteenMinutesAgo() {
        SignedRequest request = sdk.queryPost(ENDPOINT + "/", SEND_MESSAGE_FORM);

        assertThat(verifierAt(SIGNED_AT.plus(Duration.ofMinutes(14))).verify(request, "sqs"))
                .isEqualTo(CALLER);
    }

    @Test
    void rejectsWrongSecretWithSignatureDoesNotMatch() {
        SignedRequest request =
                signer(ACCESS_KEY_ID, "not-the-secret", "sqs").queryPost(ENDPOINT + "/", SEND_MESSAGE_FORM);

        assertError(
                () -> verifierAt(SIGNED_AT).verify(request, "sqs"),
                CommonError.SIGNATURE_DOES_NOT_MATCH,
                "The request signature we calculated does not match the signature you provided. Check your AWS Secret"
                        + " Access Key and signing method. Consult the service documentation for details.");
    }

    @Test
    void rejectsTamperedFormBodyWithSignatureDoesNotMatch() {
        SignedRequest signed = sdk.queryPost(ENDPOINT + "/", SEND_MESSAGE_FORM);
        SignedRequest tampered = withBody(signed, SEND_MESSAGE_FORM.replace("hello", "hallo"));

        assertError(
                () -> verifierAt(SIGNED_AT).verify(tampered, "sqs"),
                CommonError.SIGNATURE_DOES_NOT_MATCH,
                SigV4Verifier.SIGNATURE_MISMATCH_MESSAGE);
    }

    @Test
    void rejectsTamperedJsonBodyWithSignatureDoesNotMatch() {
        SignedRequest signed = sdk.jsonPost(ENDPOINT + "/", "AmazonSQS.SendMessage", SEND_MESSAGE_JSON);
        SignedRequest tampered = withBody(signed, SEND_MESSAGE_JSON.replace("hello", "hallo"));

        assertError(
                () -> verifierAt(SIGNED_AT).verify(tampered, "sqs"),
                CommonError.SIGNATURE_DOES_NOT_MATCH,
                SigV4Verifier.SIGNATURE_MISMATCH_MESSAGE);
    }

    @Test
    void rejectsTamperedTargetWithSignatureDoesNotMatch() {
        SignedRequest signed = sdk.jsonPost(ENDPOINT + "/", "AmazonSQS.SendMessage", SEND_MESSAGE_JSON);
        SignedRequest tampered = withHeader(signed, "x-amz-target", "AmazonSQS.DeleteQueue");

        assertError(
                () -> verifierAt(SIGNED_AT).verify(tampered, "sqs"),
                CommonError.SIGNATURE_DOES_NOT_MATCH,
                SigV4Verifier.SIGNATURE_MISMATCH_MESSAGE);
    }

    @Test
    void rejectsRequestSignedMoreThanFifteenMinutesAgoWithSignatureExpired() {
        SignedRequest request = sdk.queryPost(ENDPOINT + "/", SEND_MESSAGE_FORM);

        assertError(
                () -> verifierAt(SIGNED_AT.plus(Duration.ofMinutes(16))).verify(request, "sqs"),
                CommonError.SIGNATURE_DOES_NOT_MATCH,
                "Signature expired: 20250101T120000Z is now earlier than 20250101T120100Z (20250101T121600Z - 15 min.)");
    }

    @Test
    void rejectsRequestSignedMoreThanFifteenMinutesAheadWithSignatureNotYetCurrent() {
        SignedRequest request = sdk.queryPost(ENDPOINT + "/", SEND_MESSAGE_FORM);

        assertError(
                () -> verifierAt(SIGNED_AT.minus(Duration.ofMinutes(16))).verify(request, "sqs"),
                CommonError.SIGNATURE_DOES_NOT_MATCH,
                "Signature not yet current: 20250101T120000Z is still later than 20250101T115900Z"
                        + " (20250101T114400Z + 15 min.)");
    }

    @Test
    void rejectsPresignedGetPastItsExpiryWithRequestExpired() {
        SignedRequest request =
                sdk.presignedGet(ENDPOINT + "/123456789012/my-queue?Action=ReceiveMessage", Duration.ofMinutes(5));

        assertError(
                () -> verifierAt(SIGNED_AT.plus(Duration.ofMinutes(6))).verify(request, "sqs"),
                CommonError.REQUEST_EXPIRED,
                "Request has expired.");
    }

    @Test
    void rejectsPresignedGetWithTamperedParameterWithSignatureDoesNotMatch() {
        SignedRequest signed = sdk.presignedGet(
                ENDPOINT + "/123456789012/my-queue?Action=ReceiveMessage&MaxNumberOfMessages=1", Duration.ofMinutes(5));
        SignedRequest tampered =
                withQuery(signed, signed.rawQuery().replace("MaxNumberOfMessages=1", "MaxNumberOfMessages=10"));

        assertError(
                () -> verifierAt(SIGNED_AT).verify(tampered, "sqs"),
                CommonError.SIGNATURE_DOES_NOT_MATCH,
                SigV4Verifier.SIGNATURE_MISMATCH_MESSAGE);
    }

    @Test
    void rejectsPresignedExpiryBeyondOneWeekWithIncompleteSignature() {
        SignedRequest signed = sdk.presignedGet(ENDPOINT + "/?Action=ListQueues", Duration.ofMinutes(5));
        SignedRequest request =
                withQuery(signed, signed.rawQuery().replace("X-Amz-Expires=300", "X-Amz-Expires=604801"));

        assertError(
                () -> verifierAt(SIGNED_AT).verify(request, "sqs"),
                CommonError.INCOMPLETE_SIGNATURE,
                "X-Amz-Expires must be less than a week (in seconds); that is, the given X-Amz-Expires must be less than"
                        + " 604800 seconds");
    }

    @Test
    void rejectsPresignedQueryWithoutItsPartsWithIncompleteSignature() {
        SignedRequest request = unsigned("X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20250101T120000Z");

        assertError(
                () -> verifierAt(SIGNED_AT).verify(request, "sqs"),
                CommonError.INCOMPLETE_SIGNATURE,
                "AWS query-string parameters must include 'X-Amz-Credential'. AWS query-string parameters must include"
                        + " 'X-Amz-Signature'. AWS query-string parameters must include 'X-Amz-SignedHeaders'."
                        + " Re-examine the query-string parameters.");
    }

    @Test
    void rejectsUnsignedRequestWithMissingAuthenticationToken() {
        assertError(
                () -> verifierAt(SIGNED_AT).verify(unsigned(""), "sqs"),
                CommonError.MISSING_AUTHENTICATION_TOKEN,
                "Request is missing Authentication Token");
    }

    @Test
    void rejectsOtherAuthorizationSchemeWithMissingAuthenticationToken() {
        SignedRequest request = withHeader(unsigned(""), "authorization", "Basic d2hhcmY6d2hhcmY=");

        assertError(
                () -> verifierAt(SIGNED_AT).verify(request, "sqs"),
                CommonError.MISSING_AUTHENTICATION_TOKEN,
                "Request is missing Authentication Token");
    }

    @Test
    void rejectsUnknownAccessKeyWithInvalidClientTokenId() {
        SignedRequest request = signer("AKIAUNKNOWN", SECRET, "sqs").queryPost(ENDPOINT + "/", SEND_MESSAGE_FORM);

        assertError(
                () -> verifierAt(SIGNED_AT).verify(request, "sqs"),
                CommonError.INVALID_CLIENT_TOKEN_ID,
                "The security token included in the request is invalid.");
    }

    @Test
    void rejectsAuthorizationWithoutSignatureAndSignedHeadersWithIncompleteSignature() {
        String authorization = "AWS4-HMAC-SHA256 Credential=" + SCOPE;
        SignedRequest request = withHeader(dated(), "authorization", authorization);

        assertError(
                () -> verifierAt(SIGNED_AT).verify(request, "sqs"),
                CommonError.INCOMPLETE_SIGNATURE,
                "Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders'"
                        + " parameter. Authorization=" + authorization);
    }

    @Test
    void rejectsAuthorizationWithoutAnyPartOrDateWithIncompleteSignature() {
        SignedRequest request = withHeader(unsigned(""), "authorization", "AWS4-HMAC-SHA256");

        assertError(
                () -> verifierAt(SIGNED_AT).verify(request, "sqs"),
                CommonError.INCOMPLETE_SIGNATURE,
                "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature'"
                        + " parameter. Authorization header requires 'SignedHeaders' parameter. Authorization header"
                        + " requires existence of either a 'X-Amz-Date' or a 'Date' header."
                        + " Authorization=AWS4-HMAC-SHA256");
    }

    @Test
    void rejectsPartWithoutEqualsSignWithIncompleteSignature() {
        String authorization =
                "AWS4-HMAC-SHA256 Credential= " + SCOPE + ", SignedHeaders=host;x-amz-date, Signature=abc";
        SignedRequest request = withHeader(dated(), "authorization", authorization);

        assertError(
                () -> verifierAt(SIGNED_AT).verify(request, "sqs"),
                CommonError.INCOMPLETE_SIGNATURE,
                "'" + SCOPE + "' not a valid key=value pair (missing equal-sign) in Authorization header: '"
                        + authorization + "'");
    }

    @Test
    void rejectsDateOutsideBasicFormatWithIncompleteSignature() {
        SignedRequest request =
                withHeader(sdk.queryPost(ENDPOINT + "/", SEND_MESSAGE_FORM), "x-amz-date", "2025-01-01");

        assertError(
                () -> verifierAt(SIGNED_AT).verify(request, "sqs"),
                CommonError.INCOMPLETE_SIGNATURE,
                "Date must be in ISO-8601 'basic format'. Got '2025-01-01'. See http://en.wikipedia.org/wiki/ISO_8601");
    }

    @Test
    void rejectsUnsupportedAlgorithmWithIncompleteSignature() {
        SignedRequest signed = sdk.queryPost(ENDPOINT + "/", SEND_MESSAGE_FORM);
        SignedRequest request = withHeader(
                signed, "authorization", authorizationOf(signed).replace("AWS4-HMAC-SHA256", "AWS4-HMAC-SHA512"));

        assertError(
                () -> verifierAt(SIGNED_AT).verify(request, "sqs"),
                CommonError.INCOMPLETE_SIGNATURE,
                "Unsupported AWS 'algorithm': 'AWS4-HMAC-SHA512' (only AWS4-HMAC-SHA256 for now). ");
    }

    @Test
    void rejectsCredentialWithoutFiveElementsWithIncompleteSignature() {
        SignedRequest signed = sdk.queryPost(ENDPOINT + "/", SEND_MESSAGE_FORM);
        SignedRequest request =
                withHeader(signed, "authorization", authorizationOf(signed).replace("/us-east-1/", "/"));

        assertError(
                () -> verifierAt(SIGNED_AT).verify(request, "sqs"),
                CommonError.INCOMPLETE_SIGNATURE,
                "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '"
                        + ACCESS_KEY_ID + "/20250101/sqs/aws4_request'");
    }

    @Test
    void rejectsCredentialScopedToAnotherServiceWithSignatureDoesNotMatch() {
        SignedRequest request = signer(ACCESS_KEY_ID, SECRET, "sns").queryPost(ENDPOINT + "/", SEND_MESSAGE_FORM);

        assertError(
                () -> verifierAt(SIGNED_AT).verify(request, "sqs"),
                CommonError.SIGNATURE_DOES_NOT_MATCH,
                "Credential should be scoped to correct service: 'sqs'. ");
    }

    @Test
    void rejectsCredentialScopedToAnotherDayAndTerminatorWithOneMessageForBoth() {
        SignedRequest signed = sdk.queryPost(ENDPOINT + "/", SEND_MESSAGE_FORM);
        SignedRequest request = withHeader(
                signed,
                "authorization",
                authorizationOf(signed)
                        .replace("20250101/us-east-1/sqs/aws4_request", "20241231/us-east-1/sqs/aws5_request"));

        assertError(
                () -> verifierAt(SIGNED_AT).verify(request, "sqs"),
                CommonError.SIGNATURE_DOES_NOT_MATCH,
                "Credential should be scoped with a valid terminator: 'aws4_request', not 'aws5_request'. Date in"
                        + " Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP:"
                        + " '20241231' != '20250101', from '20250101T120000Z'.");
    }

    @Test
    void rejectsUnsignedHostWithSignatureDoesNotMatch() {
        SignedRequest signed = sdk.queryPost(ENDPOINT + "/", SEND_MESSAGE_FORM);
        SignedRequest request =
                withHeader(signed, "authorization", authorizationOf(signed).replace(";host;", ";"));

        assertError(
                () -> verifierAt(SIGNED_AT).verify(request, "sqs"),
                CommonError.SIGNATURE_DOES_NOT_MATCH,
                "'Host' must be a 'SignedHeader' in the AWS Authorization.");
    }

    @Test
    void rejectsHeaderAndQuerySignaturesTogetherWithSignatureDoesNotMatch() {
        SignedRequest signed = sdk.queryPost(ENDPOINT + "/", SEND_MESSAGE_FORM);
        SignedRequest request = withQuery(signed, "X-Amz-Algorithm=AWS4-HMAC-SHA256");

        assertError(
                () -> verifierAt(SIGNED_AT).verify(request, "sqs"),
                CommonError.SIGNATURE_DOES_NOT_MATCH,
                "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header.");
    }

    @Test
    void rejectsQueryWithBrokenEscapeWithMalformedQueryString() {
        SignedRequest signed = sdk.queryPost(ENDPOINT + "/", SEND_MESSAGE_FORM);

        assertError(
                () -> verifierAt(SIGNED_AT).verify(withQuery(signed, "Action=%zz"), "sqs"),
                CommonError.MALFORMED_QUERY_STRING,
                "Illegal hex character in escape % pattern: %zz");
    }

    @Test
    void acceptAnyModeAcceptsWrongSecretAndTakesAccountFromTwelveDigitKey() {
        SignedRequest request = signer("210987654321", "anything", "sqs").queryPost(ENDPOINT + "/", SEND_MESSAGE_FORM);

        assertThat(acceptAnyAt(SIGNED_AT).verify(request, "sqs"))
                .isEqualTo(new Caller("210987654321", "210987654321", "us-east-1"));
    }

    @Test
    void acceptAnyModeGivesOtherKeysTheDefaultAccount() {
        SignedRequest request = signer("test", "test", "sqs").jsonPost(ENDPOINT + "/", "AmazonSQS.ListQueues", "{}");

        assertThat(acceptAnyAt(SIGNED_AT).verify(request, "sqs"))
                .isEqualTo(new Caller("000000000000", "test", "us-east-1"));
    }

    @Test
    void acceptAnyModeIgnoresClockSkewExpiryAndScope() {
        SignedRequest old = signer("test", "test", "sns").queryPost(ENDPOINT + "/", SEND_MESSAGE_FORM);
        SignedRequest expired = sdk.presignedGet(ENDPOINT + "/?Action=ListQueues", Duration.ofMinutes(5));

        assertThat(acceptAnyAt(SIGNED_AT.plus(Duration.ofDays(1)))
                        .verify(old, "sqs")
                        .accessKeyId())
                .isEqualTo("test");
        assertThat(acceptAnyAt(SIGNED_AT.plus(Duration.ofDays(1)))
                        .verify(expired, "sqs")
                        .accessKeyId())
                .isEqualTo(ACCESS_KEY_ID);
    }

    @Test
    void acceptAnyModeStillRejectsUnsignedRequest() {
        assertError(
                () -> acceptAnyAt(SIGNED_AT).verify(unsigned("Action=ListQueues"), "sqs"),
                CommonError.MISSING_AUTHENTICATION_TOKEN,
                "Request is missing Authentication Token");
    }

    @Test
    void acceptAnyModeStillRejectsIncompleteAuthorization() {
        SignedRequest request = withHeader(dated(), "authorization", "AWS4-HMAC-SHA256 Credential=" + SCOPE);

        assertThatThrownBy(() -> acceptAnyAt(SIGNED_AT).verify(request, "sqs"))
                .isInstanceOfSatisfying(
                        AwsException.class, e -> assertThat(e.code()).isEqualTo(CommonError.INCOMPLETE_SIGNATURE));
    }

    @Test
    void acceptAnyModeStillRejectsMalformedCredential() {
        SignedRequest signed = signer("test", "test", "sqs").queryPost(ENDPOINT + "/", SEND_MESSAGE_FORM);
        SignedRequest request =
                withHeader(signed, "authorization", authorizationOf(signed).replace("/us-east-1/", "/"));

        assertThatThrownBy(() -> acceptAnyAt(SIGNED_AT).verify(request, "sqs"))
                .isInstanceOfSatisfying(
                        AwsException.class, e -> assertThat(e.code()).isEqualTo(CommonError.INCOMPLETE_SIGNATURE));
    }

    @Test
    void acceptsRequestDatedByHttpDateHeader() {
        SignedRequest request = signedByHand("date", "Wed, 01 Jan 2025 12:00:00 GMT", SEND_MESSAGE_FORM);

        assertThat(verifierAt(SIGNED_AT).verify(request, "sqs")).isEqualTo(CALLER);
    }

    @Test
    void rejectsTamperedBodyOfRequestSignedWithoutContentHashHeader() {
        SignedRequest signed = signedByHand("x-amz-date", "20250101T120000Z", SEND_MESSAGE_FORM);
        SignedRequest tampered = withBody(signed, SEND_MESSAGE_FORM.replace("hello", "hallo"));

        assertThat(verifierAt(SIGNED_AT).verify(signed, "sqs")).isEqualTo(CALLER);
        assertError(
                () -> verifierAt(SIGNED_AT).verify(tampered, "sqs"),
                CommonError.SIGNATURE_DOES_NOT_MATCH,
                SigV4Verifier.SIGNATURE_MISMATCH_MESSAGE);
    }

    /**
     * A POST signed step by step as the SigV4 documentation describes, over its date header and host only, without
     * an {@code x-amz-content-sha256} header, as clients other than the Java SDK sign.
     */
    private static SignedRequest signedByHand(String dateHeader, String date, String body) {
        String canonical = "POST\n/\n\n" + dateHeader + ":" + date + "\nhost:localhost:9324\n\n" + dateHeader
                + ";host\n" + SigV4Verifier.sha256Hex(body.getBytes(StandardCharsets.UTF_8));
        String stringToSign = "AWS4-HMAC-SHA256\n20250101T120000Z\n20250101/us-east-1/sqs/aws4_request\n"
                + SigV4Verifier.sha256Hex(canonical.getBytes(StandardCharsets.UTF_8));
        byte[] key = new SigningKeys().key(SECRET, "20250101", "us-east-1", "sqs");
        String signature = HexFormat.of().formatHex(SigningKeys.hmacSha256(key, stringToSign));
        SignedRequest request = withHeader(withBody(unsigned(""), body), dateHeader, date);
        return withHeader(
                request,
                "authorization",
                "AWS4-HMAC-SHA256 Credential=" + SCOPE + ", SignedHeaders=" + dateHeader + ";host, Signature="
                        + signature);
    }

    private static String authorizationOf(SignedRequest request) {
        return Objects.requireNonNull(request.firstHeader("authorization"));
    }

    private SigV4Verifier verifierAt(Instant now) {
        return new SigV4Verifier(store, Clock.fixed(now, ZoneOffset.UTC));
    }

    private static SigV4Verifier acceptAnyAt(Instant now) {
        return new SigV4Verifier(new StaticCredentialStore(List.of()), Clock.fixed(now, ZoneOffset.UTC));
    }

    private static SdkSigner signer(String accessKeyId, String secret, String service) {
        return new SdkSigner(accessKeyId, secret, "us-east-1", service, Clock.fixed(SIGNED_AT, ZoneOffset.UTC));
    }

    private static SignedRequest unsigned(String rawQuery) {
        return new SignedRequest("GET", "/", rawQuery, Map.of("host", List.of("localhost:9324")), new byte[0]);
    }

    private static SignedRequest dated() {
        return withHeader(unsigned(""), "x-amz-date", "20250101T120000Z");
    }

    private static SignedRequest withHeader(SignedRequest request, String name, String value) {
        Map<String, List<String>> headers = new LinkedHashMap<>(request.headers());
        headers.put(name, List.of(value));
        return new SignedRequest(request.method(), request.rawPath(), request.rawQuery(), headers, request.body());
    }

    private static SignedRequest withQuery(SignedRequest request, String rawQuery) {
        return new SignedRequest(request.method(), request.rawPath(), rawQuery, request.headers(), request.body());
    }

    private static SignedRequest withBody(SignedRequest request, String body) {
        return new SignedRequest(
                "POST",
                request.rawPath(),
                request.rawQuery(),
                request.headers(),
                body.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertError(ThrowingCallable call, CommonError code, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(AwsException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }
}
