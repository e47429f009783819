package dev.wharf.sns.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.common.Caller;
import dev.wharf.protocol.Protocol;
import dev.wharf.protocol.RequestContext;
import dev.wharf.protocol.model.Operation;
import dev.wharf.protocol.query.QueryCodec;
import dev.wharf.sns.engine.SnsEngine;
import dev.wharf.sns.engine.message.SigningKeys;
import dev.wharf.sqs.engine.SqsEngine;
import dev.wharf.storage.MemoryStorageEngine;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Golden tests: SNS Query requests as the SDKs, boto3 and the CLI send them, and the exact XML that Wharf answers. */
class SnsQueryGoldenTest {

    private static final String NS = SnsBinding.XML_NAMESPACE;
    private final Clock clock = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);
    private final MemoryStorageEngine storage = new MemoryStorageEngine();
    private final SnsEngine engine = new SnsEngine(
            storage.topics(),
            storage.deliveries(),
            storage.archive(),
            new SqsEngine(storage.queues(), clock, "us-east-1"),
            SigningKeys.ephemeral(clock),
            clock,
            "us-east-1");
    private final SnsBinding sns = new SnsBinding(engine);
    private final QueryCodec codec = new QueryCodec(sns.model(), NS);

    @AfterEach
    void close() {
        engine.close();
    }

    private String call(String form) {
        Map<String, List<String>> params = new QueryStringDecoder(form, StandardCharsets.UTF_8, false).parameters();
        Operation operation = Objects.requireNonNull(sns.model()
                .operation(Objects.requireNonNull(params.get("Action")).get(0)));
        ObjectNode input = codec.decode(operation, params);
        JsonNode result = sns.invoke(
                operation,
                input,
                new RequestContext(
                        new Caller("000000000000", "test", "us-east-1"),
                        "req-1",
                        "http://localhost:4566",
                        Protocol.AWS_QUERY,
                        "/"));
        return new String(codec.encode(operation, result, "req-1").body(), StandardCharsets.UTF_8);
    }

    private static String response(String operation, String result) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><" + operation + "Response xmlns=\"" + NS + "\">" + result
                + "<ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></" + operation + "Response>";
    }

    @Test
    void createTopicWithAttributesAndTagsAsTheSdkSendsIt() {
        String answer = call("Action=CreateTopic&Version=2010-03-31&Name=orders"
                + "&Attributes.entry.1.key=DisplayName&Attributes.entry.1.value=Orders"
                + "&Tags.member.1.Key=team&Tags.member.1.Value=shop");

        assertThat(answer)
                .isEqualTo(response(
                        "CreateTopic",
                        "<CreateTopicResult><TopicArn>arn:aws:sns:us-east-1:000000000000:orders</TopicArn>"
                                + "</CreateTopicResult>"));
        assertThat(call("Action=ListTagsForResource&ResourceArn=arn:aws:sns:us-east-1:000000000000:orders"))
                .isEqualTo(response(
                        "ListTagsForResource",
                        "<ListTagsForResourceResult><Tags><member><Key>team</Key><Value>shop</Value></member></Tags>"
                                + "</ListTagsForResourceResult>"));
    }

    @Test
    void anOperationWithoutOutputHasNoResultAndAnEmptyOutputHasAnEmptyOne() {
        call("Action=CreateTopic&Name=t");
        String arn = "arn%3Aaws%3Asns%3Aus-east-1%3A000000000000%3At";

        assertThat(call("Action=SetTopicAttributes&TopicArn=" + arn + "&AttributeName=DisplayName&AttributeValue=x"))
                .isEqualTo(response("SetTopicAttributes", ""));
        assertThat(call("Action=TagResource&ResourceArn=" + arn + "&Tags.member.1.Key=k&Tags.member.1.Value=v"))
                .isEqualTo(response("TagResource", "<TagResourceResult></TagResourceResult>"));
        assertThat(call("Action=DeleteTopic&TopicArn=" + arn)).isEqualTo(response("DeleteTopic", ""));
    }

    @Test
    void publishWithMessageAttributesAsTheSdkSendsThem() {
        call("Action=CreateTopic&Name=p");
        String answer = call("Action=Publish&TopicArn=arn%3Aaws%3Asns%3Aus-east-1%3A000000000000%3Ap&Message=hi"
                + "&MessageAttributes.entry.1.Name=color&MessageAttributes.entry.1.Value.DataType=String"
                + "&MessageAttributes.entry.1.Value.StringValue=blue");

        assertThat(answer).matches(".*<PublishResult><MessageId>[0-9a-f-]{36}</MessageId></PublishResult>.*");
    }

    @Test
    void getTopicAttributesAnswersEntriesOfKeyAndValue() {
        call("Action=CreateTopic&Name=a");
        String answer = call("Action=GetTopicAttributes&TopicArn=arn%3Aaws%3Asns%3Aus-east-1%3A000000000000%3Aa");

        assertThat(answer)
                .contains("<GetTopicAttributesResult><Attributes><entry><key>Policy</key><value>")
                .contains("<entry><key>Owner</key><value>000000000000</value></entry>")
                .contains("<entry><key>SubscriptionsPending</key><value>0</value></entry>");
    }

    private static final String APP = "arn%3Aaws%3Asns%3Aus-east-1%3A000000000000%3Aapp%2FGCM%2Fandroid";

    @Test
    void platformApplicationsAndEndpointsAsBoto3SendsThem() {
        assertThat(call("Action=CreatePlatformApplication&Version=2010-03-31&Name=android&Platform=GCM"
                        + "&Attributes.entry.1.key=PlatformCredential&Attributes.entry.1.value=secret"))
                .isEqualTo(response(
                        "CreatePlatformApplication",
                        "<CreatePlatformApplicationResult><PlatformApplicationArn>"
                                + "arn:aws:sns:us-east-1:000000000000:app/GCM/android</PlatformApplicationArn>"
                                + "</CreatePlatformApplicationResult>"));
        assertThat(call("Action=ListPlatformApplications"))
                .isEqualTo(response(
                        "ListPlatformApplications",
                        "<ListPlatformApplicationsResult><PlatformApplications><member><PlatformApplicationArn>"
                                + "arn:aws:sns:us-east-1:000000000000:app/GCM/android</PlatformApplicationArn>"
                                + "<Attributes><entry><key>Enabled</key><value>true</value></entry></Attributes>"
                                + "</member></PlatformApplications></ListPlatformApplicationsResult>"));
        String created = call(
                "Action=CreatePlatformEndpoint&PlatformApplicationArn=" + APP + "&Token=device-1&CustomUserData=hello");
        String endpoint = created.replaceAll(".*<EndpointArn>([^<]+)</EndpointArn>.*", "$1");
        assertThat(endpoint).matches("arn:aws:sns:us-east-1:000000000000:endpoint/GCM/android/[0-9a-f-]{36}");
        String encoded = java.net.URLEncoder.encode(endpoint, StandardCharsets.UTF_8);

        assertThat(call("Action=SetEndpointAttributes&EndpointArn=" + encoded
                        + "&Attributes.entry.1.key=Enabled&Attributes.entry.1.value=false"))
                .isEqualTo(response("SetEndpointAttributes", ""));
        assertThat(call("Action=GetEndpointAttributes&EndpointArn=" + encoded))
                .isEqualTo(response(
                        "GetEndpointAttributes",
                        "<GetEndpointAttributesResult><Attributes>"
                                + "<entry><key>CustomUserData</key><value>hello</value></entry>"
                                + "<entry><key>Enabled</key><value>false</value></entry>"
                                + "<entry><key>Token</key><value>device-1</value></entry>"
                                + "</Attributes></GetEndpointAttributesResult>"));
        assertThat(call("Action=ListEndpointsByPlatformApplication&PlatformApplicationArn=" + APP))
                .isEqualTo(response(
                        "ListEndpointsByPlatformApplication",
                        "<ListEndpointsByPlatformApplicationResult><Endpoints><member><EndpointArn>" + endpoint
                                + "</EndpointArn><Attributes>"
                                + "<entry><key>CustomUserData</key><value>hello</value></entry>"
                                + "<entry><key>Enabled</key><value>false</value></entry>"
                                + "<entry><key>Token</key><value>device-1</value></entry>"
                                + "</Attributes></member></Endpoints></ListEndpointsByPlatformApplicationResult>"));
        assertThat(call("Action=DeleteEndpoint&EndpointArn=" + encoded)).isEqualTo(response("DeleteEndpoint", ""));
        assertThat(call("Action=DeletePlatformApplication&PlatformApplicationArn=" + APP))
                .isEqualTo(response("DeletePlatformApplication", ""));
    }

    @Test
    void smsActionsAnswerTheirLowerCaseMembers() {
        assertThat(call("Action=SetSMSAttributes&attributes.entry.1.key=DefaultSMSType"
                        + "&attributes.entry.1.value=Transactional"))
                .isEqualTo(response("SetSMSAttributes", "<SetSMSAttributesResult></SetSMSAttributesResult>"));
        assertThat(call("Action=GetSMSAttributes&attributes.member.1=DefaultSMSType"))
                .isEqualTo(response(
                        "GetSMSAttributes",
                        "<GetSMSAttributesResult><attributes><entry><key>DefaultSMSType</key><value>Transactional"
                                + "</value></entry></attributes></GetSMSAttributesResult>"));
        assertThat(call("Action=CheckIfPhoneNumberIsOptedOut&phoneNumber=%2B15555550100"))
                .isEqualTo(response(
                        "CheckIfPhoneNumberIsOptedOut",
                        "<CheckIfPhoneNumberIsOptedOutResult><isOptedOut>false</isOptedOut>"
                                + "</CheckIfPhoneNumberIsOptedOutResult>"));
        engine.optOutPhoneNumber("000000000000", "+15555550100");
        assertThat(call("Action=ListPhoneNumbersOptedOut"))
                .isEqualTo(response(
                        "ListPhoneNumbersOptedOut",
                        "<ListPhoneNumbersOptedOutResult><phoneNumbers><member>+15555550100</member></phoneNumbers>"
                                + "</ListPhoneNumbersOptedOutResult>"));
        assertThat(call("Action=OptInPhoneNumber&phoneNumber=%2B15555550100"))
                .isEqualTo(response("OptInPhoneNumber", "<OptInPhoneNumberResult></OptInPhoneNumberResult>"));
        assertThat(call("Action=GetSMSSandboxAccountStatus"))
                .isEqualTo(response(
                        "GetSMSSandboxAccountStatus",
                        "<GetSMSSandboxAccountStatusResult><IsInSandbox>false</IsInSandbox>"
                                + "</GetSMSSandboxAccountStatusResult>"));
        assertThat(call("Action=CreateSMSSandboxPhoneNumber&PhoneNumber=%2B15555550101&LanguageCode=en-GB"))
                .isEqualTo(response(
                        "CreateSMSSandboxPhoneNumber",
                        "<CreateSMSSandboxPhoneNumberResult></CreateSMSSandboxPhoneNumberResult>"));
        assertThat(call("Action=ListSMSSandboxPhoneNumbers&MaxResults=5"))
                .isEqualTo(response(
                        "ListSMSSandboxPhoneNumbers",
                        "<ListSMSSandboxPhoneNumbersResult><PhoneNumbers><member><PhoneNumber>+15555550101"
                                + "</PhoneNumber><Status>Pending</Status></member></PhoneNumbers>"
                                + "</ListSMSSandboxPhoneNumbersResult>"));
        assertThat(call("Action=ListOriginationNumbers"))
                .isEqualTo(response(
                        "ListOriginationNumbers",
                        "<ListOriginationNumbersResult><PhoneNumbers></PhoneNumbers></ListOriginationNumbersResult>"));
        assertThat(call("Action=Publish&PhoneNumber=%2B15555550102&Message=hi"))
                .matches(".*<PublishResult><MessageId>[0-9a-f-]{36}</MessageId></PublishResult>.*");
    }

    @Test
    void everyOperationThatRunsIsInTheModel() {
        assertThat(sns.model().operations().keySet()).containsAll(sns.boundOperations());
        assertThat(sns.allowsAnonymous("ConfirmSubscription")).isTrue();
        assertThat(sns.allowsAnonymous("Unsubscribe")).isTrue();
        assertThat(sns.allowsAnonymous("Publish")).isFalse();
        assertThat(sns.boundOperations()).hasSize(42);
    }
}
