package dev.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.server.WharfServer;
import dev.wharf.storage.DurabilityMode;
import dev.wharf.testing.WharfHandle;
import dev.wharf.testing.WharfTest;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.EndpointDisabledException;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sns.model.PlatformApplication;
import software.amazon.awssdk.services.sns.model.SnsException;
import software.amazon.awssdk.services.sns.model.VerificationException;

/**
 * Mobile push and SMS through the SDK v2 against a real server: platform applications and endpoints, publishing to
 * them and to phone numbers, opt-outs and the sandbox, and the outboxes at LocalStack's HTTP paths.
 */
@WharfTest
class SnsPlatformIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Map<String, String> CREDENTIALS =
            Map.of("PlatformPrincipal", "client-id", "PlatformCredential", "client-secret");

    private static HttpResponse<String> http(String method, URI endpoint, String path, String body) throws Exception {
        HttpRequest.BodyPublisher publisher =
                body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body);
        return HTTP.send(
                HttpRequest.newBuilder(endpoint.resolve(path))
                        .method(method, publisher)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode get(URI endpoint, String path) throws Exception {
        HttpResponse<String> response = http("GET", endpoint, path, "");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        return JSON.readTree(response.body());
    }

    private static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void platformApplicationsAndEndpointsWithAwsErrors(WharfHandle wharf) {
        try (SnsClient sns = wharf.sns()) {
            String app = sns.createPlatformApplication(
                            b -> b.name("it-app").platform("ADM").attributes(CREDENTIALS))
                    .platformApplicationArn();
            assertThat(app).isEqualTo("arn:aws:sns:us-east-1:000000000000:app/ADM/it-app");
            assertThat(sns.listPlatformApplications().platformApplications())
                    .extracting(PlatformApplication::platformApplicationArn)
                    .contains(app);
            assertThat(sns.getPlatformApplicationAttributes(b -> b.platformApplicationArn(app))
                            .attributes())
                    .isEqualTo(Map.of("Enabled", "true"));

            String endpoint = sns.createPlatformEndpoint(
                            b -> b.platformApplicationArn(app).token("token_1"))
                    .endpointArn();
            assertThat(sns.createPlatformEndpoint(
                                    b -> b.platformApplicationArn(app).token("token_1"))
                            .endpointArn())
                    .isEqualTo(endpoint);
            InvalidParameterException conflict = catchThrowableOfType(
                    InvalidParameterException.class,
                    () -> sns.createPlatformEndpoint(b ->
                            b.platformApplicationArn(app).token("token_1").attributes(Map.of("Enabled", "false"))));
            assertThat(conflict.awsErrorDetails().errorMessage())
                    .isEqualTo("Invalid parameter: Token Reason: Endpoint " + endpoint
                            + " already exists with the same Token, but different attributes.");
            assertThat(conflict.statusCode()).isEqualTo(400);

            SnsException empty = catchThrowableOfType(
                    SnsException.class,
                    () -> sns.setEndpointAttributes(b -> b.endpointArn(endpoint).attributes(Map.of())));
            assertThat(empty.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
            assertThat(empty.awsErrorDetails().errorMessage())
                    .isEqualTo("1 validation error detected: Value null at 'attributes' failed to satisfy"
                            + " constraint: Member must not be null");

            sns.setEndpointAttributes(b -> b.endpointArn(endpoint).attributes(Map.of("Enabled", "false")));
            EndpointDisabledException disabled = catchThrowableOfType(
                    EndpointDisabledException.class,
                    () -> sns.publish(b -> b.targetArn(endpoint).message("hi")));
            assertThat(disabled.awsErrorDetails().errorCode()).isEqualTo("EndpointDisabled");
            assertThat(disabled.awsErrorDetails().errorMessage()).isEqualTo("Endpoint is disabled");

            sns.deletePlatformApplication(b -> b.platformApplicationArn(app));
            NotFoundException gone = catchThrowableOfType(
                    NotFoundException.class,
                    () -> sns.listEndpointsByPlatformApplication(b -> b.platformApplicationArn(app)));
            assertThat(gone.awsErrorDetails().errorMessage()).isEqualTo("PlatformApplication does not exist");
            assertThat(gone.statusCode()).isEqualTo(404);
            NotFoundException endpointGone = catchThrowableOfType(
                    NotFoundException.class, () -> sns.getEndpointAttributes(b -> b.endpointArn(endpoint)));
            assertThat(endpointGone.awsErrorDetails().errorMessage()).isEqualTo("Endpoint does not exist");
        }
    }

    @Test
    void pushNotificationsAreReadAndClearedAtLocalStacksPath(WharfHandle wharf) throws Exception {
        try (SnsClient sns = wharf.sns()) {
            String app = sns.createPlatformApplication(
                            b -> b.name("it-push").platform("GCM").attributes(Map.of("PlatformCredential", "key")))
                    .platformApplicationArn();
            String direct = sns.createPlatformEndpoint(
                            b -> b.platformApplicationArn(app).token("direct"))
                    .endpointArn();
            String subscribed = sns.createPlatformEndpoint(
                            b -> b.platformApplicationArn(app).token("subscribed"))
                    .endpointArn();
            String topic = sns.createTopic(b -> b.name("it-push-topic")).topicArn();
            sns.subscribe(b -> b.topicArn(topic).protocol("application").endpoint(subscribed));

            String directId = sns.publish(b -> b.targetArn(direct)
                            .messageStructure("json")
                            .message("{\"GCM\":\"{\\\"data\\\":{\\\"k\\\":\\\"v\\\"}}\"}")
                            .messageAttributes(Map.of(
                                    "AWS.SNS.MOBILE.FCM.TTL",
                                    MessageAttributeValue.builder()
                                            .dataType("String")
                                            .stringValue("60")
                                            .build())))
                    .messageId();
            sns.publish(b -> b.topicArn(topic).message("to the topic"));

            JsonNode all = get(wharf.endpoint(), "/_aws/sns/platform-endpoint-messages");
            assertThat(all.get("region").asText()).isEqualTo("us-east-1");
            JsonNode sent = all.get("platform_endpoint_messages").get(direct).get(0);
            assertThat(sent.get("MessageId").asText()).isEqualTo(directId);
            assertThat(sent.get("TargetArn").asText()).isEqualTo(direct);
            assertThat(sent.get("Message").asText()).isEqualTo("\"{\\\"data\\\":{\\\"k\\\":\\\"v\\\"}}\"");
            assertThat(sent.get("MessageAttributes")
                            .get("AWS.SNS.MOBILE.FCM.TTL")
                            .get("StringValue")
                            .asText())
                    .isEqualTo("60");
            JsonNode fromTopic =
                    get(wharf.endpoint(), "/_aws/sns/platform-endpoint-messages?endpointArn=" + query(subscribed));
            assertThat(fromTopic
                            .get("platform_endpoint_messages")
                            .get(subscribed)
                            .get(0)
                            .get("TopicArn")
                            .asText())
                    .isEqualTo(topic);

            assertThat(http(
                                    "DELETE",
                                    wharf.endpoint(),
                                    "/_aws/sns/platform-endpoint-messages?endpointArn=" + query(direct),
                                    "")
                            .statusCode())
                    .isEqualTo(204);
            assertThat(get(wharf.endpoint(), "/_aws/sns/platform-endpoint-messages?endpointArn=" + query(direct))
                            .get("platform_endpoint_messages")
                            .get(direct))
                    .isEmpty();
        }
    }

    @Test
    void smsReachTheOutboxExceptForOptedOutNumbers(WharfHandle wharf) throws Exception {
        try (SnsClient sns = wharf.sns()) {
            String topic = sns.createTopic(b -> b.name("it-sms")).topicArn();
            sns.subscribe(b -> b.topicArn(topic).protocol("sms").endpoint("+15555550111"));
            String id = sns.publish(b -> b.phoneNumber("+15555550110")
                            .message("direct")
                            .messageAttributes(Map.of(
                                    "AWS.SNS.SMS.SMSType",
                                    MessageAttributeValue.builder()
                                            .dataType("String")
                                            .stringValue("Transactional")
                                            .build())))
                    .messageId();
            sns.publish(b -> b.topicArn(topic).message("fan-out"));
            InvalidParameterException invalid = catchThrowableOfType(
                    InvalidParameterException.class,
                    () -> sns.publish(b -> b.phoneNumber("+1a234").message("x")));
            assertThat(invalid.awsErrorDetails().errorMessage())
                    .isEqualTo("Invalid parameter: PhoneNumber Reason: +1a234 is not valid to publish to");

            JsonNode direct = get(wharf.endpoint(), "/_aws/sns/sms-messages?phoneNumber=%2B15555550110");
            assertThat(direct.get("sms_messages")
                            .get("+15555550110")
                            .get(0)
                            .get("MessageId")
                            .asText())
                    .isEqualTo(id);
            JsonNode viaTopic = get(wharf.endpoint(), "/_aws/sns/sms-messages?phoneNumber=+15555550111");
            assertThat(viaTopic.get("sms_messages")
                            .get("+15555550111")
                            .get(0)
                            .get("Message")
                            .asText())
                    .isEqualTo("fan-out");

            assertThat(http(
                                    "POST",
                                    wharf.endpoint(),
                                    "/_aws/sns/phone-opt-outs",
                                    "{\"phoneNumber\":\"+15555550111\",\"accountId\":\"000000000000\"}")
                            .statusCode())
                    .isEqualTo(200);
            assertThat(sns.checkIfPhoneNumberIsOptedOut(b -> b.phoneNumber("+15555550111"))
                            .isOptedOut())
                    .isTrue();
            assertThat(sns.listPhoneNumbersOptedOut().phoneNumbers()).contains("+15555550111");
            http("DELETE", wharf.endpoint(), "/_aws/sns/sms-messages?phoneNumber=%2B15555550111", "");
            sns.publish(b -> b.topicArn(topic).message("not for you"));
            assertThat(get(wharf.endpoint(), "/_aws/sns/sms-messages?phoneNumber=%2B15555550111")
                            .get("sms_messages")
                            .get("+15555550111"))
                    .isEmpty();
            sns.optInPhoneNumber(b -> b.phoneNumber("+15555550111"));
            assertThat(sns.checkIfPhoneNumberIsOptedOut(b -> b.phoneNumber("+15555550111"))
                            .isOptedOut())
                    .isFalse();

            assertThat(http("PUT", wharf.endpoint(), "/_aws/sns/sms-messages", "")
                            .statusCode())
                    .isEqualTo(405);
            assertThat(http("GET", wharf.endpoint(), "/_aws/sns/nothing-here", "")
                            .statusCode())
                    .isEqualTo(404);
        }
    }

    @Test
    void smsSettingsAndTheSandboxWithThePasswordFromTheOutbox(WharfHandle wharf) throws Exception {
        try (SnsClient sns = wharf.sns()) {
            sns.setSMSAttributes(
                    b -> b.attributes(Map.of("DefaultSMSType", "Transactional", "DefaultSenderID", "Wharf")));
            assertThat(sns.getSMSAttributes(b -> b.attributes("DefaultSMSType", "MonthlySpendLimit"))
                            .attributes())
                    .isEqualTo(Map.of("DefaultSMSType", "Transactional", "MonthlySpendLimit", "1"));
            InvalidParameterException invalid = catchThrowableOfType(
                    InvalidParameterException.class,
                    () -> sns.setSMSAttributes(b -> b.attributes(Map.of("DefaultSMSType", "Cheap"))));
            assertThat(invalid.awsErrorDetails().errorMessage()).isEqualTo("DefaultSMSType is invalid");

            assertThat(sns.getSMSSandboxAccountStatus(b -> {}).isInSandbox()).isFalse();
            sns.createSMSSandboxPhoneNumber(b -> b.phoneNumber("+15555550120").languageCode("en-US"));
            String text = get(wharf.endpoint(), "/_aws/sns/sms-messages?phoneNumber=%2B15555550120")
                    .get("sms_messages")
                    .get("+15555550120")
                    .get(0)
                    .get("Message")
                    .asText();
            String password = text.substring(text.lastIndexOf(' ') + 1);
            VerificationException wrong = catchThrowableOfType(
                    VerificationException.class,
                    () -> sns.verifySMSSandboxPhoneNumber(b -> b.phoneNumber("+15555550120")
                            .oneTimePassword(password.equals("00000") ? "11111" : "00000")));
            assertThat(wrong.awsErrorDetails().errorCode()).isEqualTo("VerificationException");
            sns.verifySMSSandboxPhoneNumber(b -> b.phoneNumber("+15555550120").oneTimePassword(password));
            assertThat(sns.listSMSSandboxPhoneNumbers(b -> {}).phoneNumbers())
                    .singleElement()
                    .satisfies(n -> assertThat(n.statusAsString()).isEqualTo("Verified"));
            assertThat(sns.listOriginationNumbers(b -> {}).phoneNumbers()).isEmpty();
        }
    }

    private static WharfServer rocksDb(Path dataDir) throws Exception {
        return LocalWharf.start(dataDir, DurabilityMode.SYNC);
    }

    private static SnsClient sns(WharfServer server) {
        return LocalWharf.sns(server.endpoint());
    }

    @Test
    void applicationsEndpointsAndOutboxesSurviveARestartOnRocksDb(@TempDir Path dataDir) throws Exception {
        String app;
        String endpoint;
        try (WharfServer first = rocksDb(dataDir);
                SnsClient sns = sns(first)) {
            app = sns.createPlatformApplication(
                            b -> b.name("durable").platform("APNS").attributes(CREDENTIALS))
                    .platformApplicationArn();
            endpoint = sns.createPlatformEndpoint(
                            b -> b.platformApplicationArn(app).token("t").customUserData("u"))
                    .endpointArn();
            sns.publish(b -> b.targetArn(endpoint).message("before"));
            sns.publish(b -> b.phoneNumber("+15555550130").message("sms before"));
        }
        try (WharfServer second = rocksDb(dataDir);
                SnsClient sns = sns(second)) {
            URI uri = URI.create(second.endpoint());
            assertThat(sns.getEndpointAttributes(b -> b.endpointArn(endpoint)).attributes())
                    .isEqualTo(Map.of("CustomUserData", "u", "Enabled", "true", "Token", "t"));
            assertThat(get(uri, "/_aws/sns/platform-endpoint-messages")
                            .get("platform_endpoint_messages")
                            .get(endpoint)
                            .get(0)
                            .get("Message")
                            .asText())
                    .isEqualTo("before");
            assertThat(get(uri, "/_aws/sns/sms-messages").get("sms_messages").get("+15555550130"))
                    .hasSize(1);
        }
    }
}
