package dev.wharf.protocol.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.protocol.WireResponse;
import dev.wharf.protocol.query.QueryCodec;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.PolicyDescriptorType;
import software.amazon.awssdk.services.sts.model.ProvidedContext;
import software.amazon.awssdk.services.sts.model.Tag;

/**
 * Golden tests of {@link SdkModelReader} for a Query service: STS's model, read from the SDK v2's classes, decodes what
 * the SDK's own Query marshaller sends and encodes what its unmarshaller reads, with no network in between.
 */
class SdkModelReaderStsQueryTest {

    private static final String NS = "https://sts.amazonaws.com/doc/2011-06-15/";
    private static final ServiceModel STS = SdkModelReader.read(
            new SdkModelReader.Service("com.amazonaws.sts#AWSSecurityTokenServiceV20110615", "sts", false),
            StsClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final QueryCodec codec = new QueryCodec(STS, NS);
    private final CapturingHttpClient http = new CapturingHttpClient();
    private final StsClient sdk = StsClient.builder()
            .endpointOverride(URI.create("http://localhost:4566"))
            .region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")))
            .httpClient(http)
            .build();

    @AfterEach
    void close() {
        sdk.close();
    }

    private static Operation operation(String name) {
        return Objects.requireNonNull(STS.operation(name), name);
    }

    private static Map<String, List<String>> form(String body) {
        return new QueryStringDecoder(body, StandardCharsets.UTF_8, false).parameters();
    }

    @Test
    void discoversEveryStsOperationWithTheCaseOfItsMethodName() {
        assertThat(List.copyOf(STS.operations().keySet()))
                .contains(
                        "AssumeRole",
                        "AssumeRoleWithSAML",
                        "AssumeRoleWithWebIdentity",
                        "DecodeAuthorizationMessage",
                        "GetAccessKeyInfo",
                        "GetCallerIdentity",
                        "GetFederationToken",
                        "GetSessionToken")
                .isSorted();
        assertThat(operation("AssumeRoleWithSAML").input()).isEqualTo("com.amazonaws.sts#AssumeRoleWithSamlRequest");
    }

    @Test
    void readsOnlyTheOperationsNamed() {
        ServiceModel one = SdkModelReader.read(
                new SdkModelReader.Service("com.amazonaws.sts#AWSSecurityTokenServiceV20110615", "sts", false),
                StsClient.class,
                List.of("GetCallerIdentity"));
        assertThat(one.operations().keySet()).containsExactly("GetCallerIdentity");
        assertThat(one.shape("com.amazonaws.sts#GetCallerIdentityResponse")
                        .members()
                        .keySet())
                .containsExactly("UserId", "Account", "Arn");
        assertThat(one.namespace()).isEqualTo("com.amazonaws.sts");
        assertThat(one.signingName()).isEqualTo("sts");
    }

    @Test
    void getCallerIdentityRoundTripsThroughTheSdk() throws Exception {
        http.respond(codec.encode(
                operation("GetCallerIdentity"),
                JSON.readTree("{\"UserId\":\"123456789012\",\"Account\":\"123456789012\","
                        + "\"Arn\":\"arn:aws:iam::123456789012:root\"}"),
                "req-1"));
        GetCallerIdentityResponse response = sdk.getCallerIdentity();
        assertThat(http.body()).isEqualTo("Action=GetCallerIdentity&Version=2011-06-15");
        assertThat(codec.decode(operation("GetCallerIdentity"), form(http.body())))
                .isEmpty();
        assertThat(response.userId()).isEqualTo("123456789012");
        assertThat(response.account()).isEqualTo("123456789012");
        assertThat(response.arn()).isEqualTo("arn:aws:iam::123456789012:root");
        assertThat(response.responseMetadata().requestId()).isEqualTo("req-1");
    }

    @Test
    void assumeRoleRequestDecodesListsOfStructuresAndScalars() throws Exception {
        http.respond(codec.encode(operation("AssumeRole"), JSON.createObjectNode(), "req-2"));
        sdk.assumeRole(b -> b.roleArn("arn:aws:iam::123456789012:role/r")
                .roleSessionName("s")
                .durationSeconds(900)
                .policyArns(
                        PolicyDescriptorType.builder()
                                .arn("arn:aws:iam::aws:policy/A")
                                .build(),
                        PolicyDescriptorType.builder()
                                .arn("arn:aws:iam::aws:policy/B")
                                .build())
                .tags(Tag.builder().key("team").value("a b").build())
                .transitiveTagKeys("team", "cost")
                .providedContexts(ProvidedContext.builder()
                        .providerArn("arn:aws:iam::aws:contextProvider/IdentityCenter")
                        .contextAssertion("c")
                        .build()));
        assertThat(http.body())
                .contains("PolicyArns.member.1.arn=arn%3Aaws%3Aiam%3A%3Aaws%3Apolicy%2FA", "Tags.member.1.Key=team");
        ObjectNode input = codec.decode(operation("AssumeRole"), form(http.body()));
        assertThat(input)
                .isEqualTo(JSON.readTree("{\"RoleArn\":\"arn:aws:iam::123456789012:role/r\",\"RoleSessionName\":\"s\","
                        + "\"PolicyArns\":[{\"arn\":\"arn:aws:iam::aws:policy/A\"},{\"arn\":\"arn:aws:iam::aws:policy/B\"}],"
                        + "\"DurationSeconds\":900,\"Tags\":[{\"Key\":\"team\",\"Value\":\"a b\"}],"
                        + "\"TransitiveTagKeys\":[\"team\",\"cost\"],\"ProvidedContexts\":[{\"ProviderArn\":"
                        + "\"arn:aws:iam::aws:contextProvider/IdentityCenter\",\"ContextAssertion\":\"c\"}]}"));
    }

    @Test
    void assumeRoleResponseEncodesNestedStructuresTheSdkReads() throws Exception {
        ObjectNode result = (ObjectNode) JSON.readTree("{\"Credentials\":{\"AccessKeyId\":\"ASIAEXAMPLE\","
                + "\"SecretAccessKey\":\"s3cret\",\"SessionToken\":\"token\",\"Expiration\":\"2026-12-01T12:00:00Z\"},"
                + "\"AssumedRoleUser\":{\"AssumedRoleId\":\"AROAEXAMPLE:s\","
                + "\"Arn\":\"arn:aws:sts::123456789012:assumed-role/r/s\"},\"PackedPolicySize\":6,"
                + "\"SourceIdentity\":\"me\"}");
        http.respond(codec.encode(operation("AssumeRole"), result, "req-3"));
        AssumeRoleResponse response = sdk.assumeRole(
                b -> b.roleArn("arn:aws:iam::123456789012:role/r").roleSessionName("s"));
        assertThat(response.credentials().accessKeyId()).isEqualTo("ASIAEXAMPLE");
        assertThat(response.credentials().secretAccessKey()).isEqualTo("s3cret");
        assertThat(response.credentials().sessionToken()).isEqualTo("token");
        assertThat(response.credentials().expiration()).isEqualTo(Instant.parse("2026-12-01T12:00:00Z"));
        assertThat(response.assumedRoleUser().assumedRoleId()).isEqualTo("AROAEXAMPLE:s");
        assertThat(response.assumedRoleUser().arn()).isEqualTo("arn:aws:sts::123456789012:assumed-role/r/s");
        assertThat(response.packedPolicySize()).isEqualTo(6);
        assertThat(response.sourceIdentity()).isEqualTo("me");
    }

    /** Answers every request with one prepared response and keeps the last request's body. */
    private static final class CapturingHttpClient implements SdkHttpClient {

        private byte[] response = new byte[0];
        private int status = 200;
        private String body = "";

        void respond(WireResponse wire) {
            this.response = wire.body();
            this.status = wire.status();
        }

        String body() {
            return body;
        }

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() throws IOException {
                    ContentStreamProvider content =
                            request.contentStreamProvider().orElse(null);
                    if (content != null) {
                        try (InputStream in = content.newStream()) {
                            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                        }
                    }
                    return HttpExecuteResponse.builder()
                            .response(SdkHttpResponse.builder()
                                    .statusCode(status)
                                    .putHeader("Content-Type", "text/xml")
                                    .build())
                            .responseBody(AbortableInputStream.create(new ByteArrayInputStream(response)))
                            .build();
                }

                @Override
                public void abort() {}
            };
        }

        @Override
        public void close() {}
    }
}
