package dev.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.testing.WharfHandle;
import dev.wharf.testing.WharfTest;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * STS GetCallerIdentity with configured credentials in two accounts, through the SDK v2, the AWS CLI and boto3: each
 * key is the root user of its account, and signature errors read as STS clients expect them.
 */
@WharfTest(credentials = StsIT.CREDENTIALS)
class StsIT {

    static final String CREDENTIALS = "AKIDALPHA:alpha-secret:111111111111,AKIDBETA:beta-secret:222222222222";

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void eachConfiguredKeyIsTheRootUserOfItsAccount(WharfHandle wharf) {
        for (String[] key : List.of(
                new String[] {"AKIDALPHA", "alpha-secret", "111111111111"},
                new String[] {"AKIDBETA", "beta-secret", "222222222222"})) {
            try (StsClient sts = wharf.sts(key[0], key[1])) {
                GetCallerIdentityResponse identity = sts.getCallerIdentity();
                assertThat(identity.account()).isEqualTo(key[2]);
                assertThat(identity.arn()).isEqualTo("arn:aws:iam::" + key[2] + ":root");
                assertThat(identity.userId()).isEqualTo(key[2]);
                assertThat(identity.responseMetadata().requestId()).isNotBlank();
            }
        }
    }

    @Test
    void aWrongSecretIsSignatureDoesNotMatch(WharfHandle wharf) {
        try (StsClient sts = wharf.sts("AKIDALPHA", "not-the-secret")) {
            AwsServiceException e = catchThrowableOfType(AwsServiceException.class, sts::getCallerIdentity);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
            assertThat(e.statusCode()).isEqualTo(403);
            assertThat(e.awsErrorDetails().errorMessage())
                    .startsWith("The request signature we calculated does not match the signature you provided.");
            assertThat(e.requestId()).isNotBlank();
        }
    }

    @Test
    void anUnknownKeyIsInvalidClientTokenId(WharfHandle wharf) {
        try (StsClient sts = wharf.sts("AKIDUNKNOWN", "whatever")) {
            AwsServiceException e = catchThrowableOfType(AwsServiceException.class, sts::getCallerIdentity);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId");
            assertThat(e.statusCode()).isEqualTo(403);
            assertThat(e.awsErrorDetails().errorMessage())
                    .isEqualTo("The security token included in the request is invalid.");
        }
    }

    private static HttpResponse<String> signedForSts(WharfHandle wharf, String body) throws Exception {
        SdkHttpFullRequest unsigned = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(wharf.endpoint())
                .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .contentStreamProvider(ContentStreamProvider.fromUtf8String(body))
                .build();
        SdkHttpRequest signed = AwsV4HttpSigner.create()
                .sign(r -> r.request(unsigned)
                        .payload(ContentStreamProvider.fromUtf8String(body))
                        .identity(AwsBasicCredentials.create("AKIDALPHA", "alpha-secret"))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "sts")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"))
                .request();
        HttpRequest.Builder request = HttpRequest.newBuilder(wharf.endpoint())
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        Set<String> restricted = Set.of("host", "content-length");
        for (Map.Entry<String, List<String>> header : signed.headers().entrySet()) {
            if (!restricted.contains(header.getKey().toLowerCase(java.util.Locale.ROOT))) {
                header.getValue().forEach(value -> request.header(header.getKey(), value));
            }
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anUnknownActionSignedForStsIsInvalidActionInStsShape(WharfHandle wharf) throws Exception {
        HttpResponse<String> response = signedForSts(wharf, "Action=GetCallerIdentities&Version=2011-06-15");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body())
                .startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                        + "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error>"
                        + "<Type>Sender</Type><Code>InvalidAction</Code>"
                        + "<Message>The action GetCallerIdentities is not valid for this endpoint.</Message>");
        HttpResponse<String> known = signedForSts(wharf, "Action=GetCallerIdentity&Version=2011-06-15");
        assertThat(known.statusCode()).as(known.body()).isEqualTo(200);
        assertThat(known.body()).contains("<Arn>arn:aws:iam::111111111111:root</Arn>");
    }

    @Test
    void anUnsignedGetCallerIdentityIsMissingAuthenticationTokenInStsShape(WharfHandle wharf) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(wharf.endpoint())
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("Action=GetCallerIdentity&Version=2011-06-15"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body())
                .contains("<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">")
                .contains("<Code>MissingAuthenticationToken</Code>");
    }

    @Test
    void stsSpeaksNoJson(WharfHandle wharf) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(wharf.endpoint())
                        .header("Content-Type", "application/x-amz-json-1.0")
                        .header("X-Amz-Target", "AWSSecurityTokenServiceV20110615.GetCallerIdentity")
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"__type\":\"UnknownOperationException\"");
    }

    @Test
    void awsCliGetsTheCallerIdentityOfEachKey(WharfHandle wharf) throws Exception {
        CliAndBoto3IT.Result alpha = cli(wharf, "AKIDALPHA", "alpha-secret");
        assertThat(alpha.exitCode()).as(alpha.stderr()).isZero();
        assertThat(JSON.readTree(alpha.stdout()))
                .isEqualTo(JSON.readTree("{\"UserId\":\"111111111111\",\"Account\":\"111111111111\","
                        + "\"Arn\":\"arn:aws:iam::111111111111:root\"}"));
        CliAndBoto3IT.Result beta = cli(wharf, "AKIDBETA", "beta-secret");
        JsonNode identity = JSON.readTree(beta.stdout());
        assertThat(identity.path("Account").asText()).isEqualTo("222222222222");
        CliAndBoto3IT.Result wrong = cli(wharf, "AKIDBETA", "wrong");
        assertThat(wrong.exitCode()).isNotZero();
        assertThat(wrong.stderr()).contains("(SignatureDoesNotMatch)").contains("GetCallerIdentity");
    }

    static CliAndBoto3IT.Result cli(WharfHandle wharf, String key, String secret) throws Exception {
        return CliAndBoto3IT.run(
                Map.of("AWS_ACCESS_KEY_ID", key, "AWS_SECRET_ACCESS_KEY", secret),
                List.of("aws", "--endpoint-url", wharf.endpoint().toString(), "sts", "get-caller-identity"));
    }

    @Test
    void boto3GetsTheCallerIdentityOfEachConfiguredKey(WharfHandle wharf) throws Exception {
        String tests = System.getProperty("wharf.python.tests", "src/test/python");
        CliAndBoto3IT.Result result = CliAndBoto3IT.run(
                Map.of("WHARF_ENDPOINT", wharf.endpoint().toString(), "WHARF_CREDENTIALS", CREDENTIALS),
                List.of("python3", "-m", "pytest", "-q", "-p", "no:cacheprovider", tests + "/test_sts.py"));
        assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isZero();
        assertThat(result.stdout()).containsPattern("\\d+ passed");
    }
}
