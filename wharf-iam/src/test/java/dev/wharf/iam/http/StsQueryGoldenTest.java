package dev.wharf.iam.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.common.AwsException;
import dev.wharf.common.Caller;
import dev.wharf.common.CommonError;
import dev.wharf.iam.engine.StsEngine;
import dev.wharf.protocol.Protocol;
import dev.wharf.protocol.RequestContext;
import dev.wharf.protocol.WireResponse;
import dev.wharf.protocol.model.Operation;
import dev.wharf.protocol.query.QueryCodec;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** Golden tests: STS Query requests as the SDK v2, boto3 and the CLI send them, and the exact XML that Wharf answers. */
class StsQueryGoldenTest {

    private static final StsBinding STS = new StsBinding(new StsEngine());
    private final QueryCodec codec = new QueryCodec(STS.model(), StsBinding.XML_NAMESPACE);

    private static Map<String, List<String>> form(String body) {
        return new QueryStringDecoder(body, StandardCharsets.UTF_8, false).parameters();
    }

    private static Operation operation(String name) {
        return Objects.requireNonNull(STS.model().operation(name), name);
    }

    private static RequestContext context(String accountId, String accessKeyId) {
        return new RequestContext(
                new Caller(accountId, accessKeyId, "us-east-1"),
                "req-1",
                "http://localhost:4566",
                Protocol.AWS_QUERY,
                "/");
    }

    private static String text(WireResponse response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    @Test
    void getCallerIdentityAnswersWithTheRootUserOfTheAccount() {
        // The body that the SDK v2 (2.51.3), boto3 (1.43) and the AWS CLI send; SdkModelReaderStsQueryTest captures
        // the SDK's.
        Map<String, List<String>> params = form("Action=GetCallerIdentity&Version=2011-06-15");
        Operation operation =
                operation(Objects.requireNonNull(params.get("Action")).get(0));
        ObjectNode input = codec.decode(operation, params);
        assertThat(input).isEmpty();
        JsonNode result = STS.invoke(operation, input, context("123456789012", "AKIDEXAMPLE"));
        WireResponse response = codec.encode(operation, result, "req-1");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).isEqualTo("text/xml");
        assertThat(text(response))
                .isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                        + "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                        + "<GetCallerIdentityResult>"
                        + "<UserId>123456789012</UserId>"
                        + "<Account>123456789012</Account>"
                        + "<Arn>arn:aws:iam::123456789012:root</Arn>"
                        + "</GetCallerIdentityResult>"
                        + "<ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata>"
                        + "</GetCallerIdentityResponse>");
    }

    @Test
    void theDefaultAccountIsARootUserToo() {
        JsonNode result = STS.invoke(
                operation("GetCallerIdentity"),
                codec.decode(operation("GetCallerIdentity"), form("")),
                context("000000000000", "test"));
        assertThat(result.toString())
                .isEqualTo("{\"UserId\":\"000000000000\",\"Account\":\"000000000000\","
                        + "\"Arn\":\"arn:aws:iam::000000000000:root\"}");
    }

    @Test
    void anStsOperationWharfDoesNotImplementIsInvalidActionInStsShape() {
        Operation assumeRole = operation("AssumeRole");
        ObjectNode input = codec.decode(
                assumeRole,
                form("Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fr"
                        + "&RoleSessionName=s"));
        assertThat(input.path("RoleSessionName").asText()).isEqualTo("s");
        AwsException e = catchThrowableOfType(
                AwsException.class, () -> STS.invoke(assumeRole, input, context("123456789012", "AKIDEXAMPLE")));
        assertThat(e.code()).isEqualTo(CommonError.INVALID_ACTION);
        assertThat(e.getMessage()).isEqualTo("Wharf does not implement AssumeRole yet.");
        assertThat(text(QueryCodec.encodeError(
                        e.code(), String.valueOf(e.getMessage()), "req-2", StsBinding.XML_NAMESPACE)))
                .isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                        + "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error>"
                        + "<Type>Sender</Type><Code>InvalidAction</Code>"
                        + "<Message>Wharf does not implement AssumeRole yet.</Message><Detail/></Error>"
                        + "<RequestId>req-2</RequestId></ErrorResponse>");
    }

    @Test
    void everyBoundOperationIsAnStsOperationAndStsSpeaksOnlyQuery() {
        assertThat(STS.model().operations().keySet()).containsAll(STS.boundOperations());
        assertThat(STS.protocols()).containsExactly(Protocol.AWS_QUERY);
        assertThat(STS.model().serviceId()).isEqualTo("com.amazonaws.sts#AWSSecurityTokenServiceV20110615");
        assertThat(STS.model().signingName()).isEqualTo("sts");
        assertThat(STS.model().queryCompatible()).isFalse();
    }
}
