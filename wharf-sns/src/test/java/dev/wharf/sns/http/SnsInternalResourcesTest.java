package dev.wharf.sns.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.protocol.InternalRequest;
import dev.wharf.protocol.WireResponse;
import dev.wharf.sns.api.CreatePlatformApplicationRequest;
import dev.wharf.sns.api.CreatePlatformEndpointRequest;
import dev.wharf.sns.api.CreateTopicRequest;
import dev.wharf.sns.api.MessageAttributeValue;
import dev.wharf.sns.api.PublishRequest;
import dev.wharf.sns.api.SnsContext;
import dev.wharf.sns.api.SubscribeRequest;
import dev.wharf.sns.engine.SnsEngine;
import dev.wharf.sns.engine.message.SigningKeys;
import dev.wharf.sqs.engine.SqsEngine;
import dev.wharf.storage.MemoryStorageEngine;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** LocalStack's paths for the SMS and push messages that SNS sent, in LocalStack's JSON shapes. */
class SnsInternalResourcesTest {

    private static final SnsContext CONTEXT = new SnsContext("000000000000", "http://localhost:4566");
    private static final ObjectMapper JSON = new ObjectMapper();

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

    @AfterEach
    void close() {
        engine.close();
    }

    private @Nullable WireResponse serve(String method, String path, Map<String, String> parameters, String body) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        parameters.forEach((k, v) -> params.put(k, List.of(v)));
        return sns.serveInternal(new InternalRequest(method, path, params, body.getBytes(StandardCharsets.UTF_8)));
    }

    private JsonNode get(String path, Map<String, String> parameters) throws Exception {
        WireResponse response = Objects.requireNonNull(serve("GET", path, parameters, ""));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).isEqualTo("application/json");
        return JSON.readTree(response.body());
    }

    private void publish(
            @Nullable String topic,
            @Nullable String target,
            @Nullable String phone,
            String message,
            @Nullable String structure,
            @Nullable Map<String, MessageAttributeValue> attributes) {
        engine.publish(
                CONTEXT,
                new PublishRequest(topic, target, phone, message, "subject", structure, attributes, null, null));
    }

    @Test
    void smsMessagesAreServedByPhoneNumberAndCleared() throws Exception {
        String topic = Objects.requireNonNull(engine.createTopic(CONTEXT, new CreateTopicRequest("t", null, null, null))
                .topicArn());
        String subscription = Objects.requireNonNull(
                engine.subscribe(CONTEXT, new SubscribeRequest(topic, "sms", "+15555550100", null, null))
                        .subscriptionArn());
        publish(topic, null, null, "from the topic", null, Map.of("a", MessageAttributeValue.ofString("String", "1")));
        publish(null, null, "+15555550101", "{\"default\":\"d\",\"sms\":\"caf\\u00e9\"}", "json", null);

        JsonNode all = get("/_aws/sns/sms-messages", Map.of());
        assertThat(all.get("region").asText()).isEqualTo("us-east-1");
        JsonNode first = all.get("sms_messages").get("+15555550100").get(0);
        assertThat(names(first))
                .containsExactly(
                        "PhoneNumber",
                        "TopicArn",
                        "SubscriptionArn",
                        "MessageId",
                        "Message",
                        "MessageAttributes",
                        "MessageStructure",
                        "Subject");
        assertThat(first.get("TopicArn").asText()).isEqualTo(topic);
        assertThat(first.get("SubscriptionArn").asText()).isEqualTo(subscription);
        assertThat(first.get("Message").asText()).isEqualTo("from the topic");
        assertThat(first.get("MessageAttributes").toString())
                .isEqualTo("{\"a\":{\"DataType\":\"String\",\"StringValue\":\"1\"}}");
        assertThat(first.get("MessageStructure").isNull()).isTrue();
        assertThat(first.get("Subject").asText()).isEqualTo("subject");
        JsonNode direct = all.get("sms_messages").get("+15555550101").get(0);
        assertThat(direct.get("TopicArn").isNull()).isTrue();
        assertThat(direct.get("Message").asText()).isEqualTo("\"caf\\u00e9\"");

        JsonNode filtered = get("/_aws/sns/sms-messages", Map.of("phoneNumber", " 15555550101", "region", "us-east-1"));
        assertThat(filtered.get("sms_messages").size()).isEqualTo(1);
        assertThat(filtered.get("sms_messages").get("+15555550101")).hasSize(1);
        assertThat(get("/_aws/sns/sms-messages", Map.of("region", "eu-west-1")).toString())
                .isEqualTo("{\"sms_messages\":{},\"region\":\"eu-west-1\"}");
        assertThat(get("/_aws/sns/sms-messages", Map.of("accountId", "111111111111"))
                        .get("sms_messages")
                        .size())
                .isZero();

        assertThat(Objects.requireNonNull(
                                serve("DELETE", "/_aws/sns/sms-messages", Map.of("phoneNumber", "+15555550101"), ""))
                        .status())
                .isEqualTo(204);
        assertThat(get("/_aws/sns/sms-messages", Map.of("phoneNumber", "+15555550101"))
                        .toString())
                .isEqualTo("{\"sms_messages\":{\"+15555550101\":[]},\"region\":\"us-east-1\"}");
        serve("DELETE", "/_aws/sns/sms-messages", Map.of(), "");
        assertThat(get("/_aws/sns/sms-messages", Map.of()).get("sms_messages").size())
                .isZero();
    }

    @Test
    void platformEndpointMessagesAreServedByEndpointAndCleared() throws Exception {
        String app = Objects.requireNonNull(engine.createPlatformApplication(
                        CONTEXT,
                        new CreatePlatformApplicationRequest(
                                "app", "APNS", Map.of("PlatformPrincipal", "p", "PlatformCredential", "c")))
                .platformApplicationArn());
        String endpoint = Objects.requireNonNull(
                engine.createPlatformEndpoint(CONTEXT, new CreatePlatformEndpointRequest(app, "t", null, null))
                        .endpointArn());
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        attributes.put("AWS.SNS.MOBILE.APNS.PUSH_TYPE", MessageAttributeValue.ofString("String", "background"));
        attributes.put("bin", MessageAttributeValue.ofBinary("Binary", new byte[] {1, 2}));
        publish(
                null,
                endpoint,
                null,
                "{\"APNS\":\"{\\\"aps\\\": {\\\"content-available\\\": 1}}\"}",
                "json",
                attributes);

        JsonNode all = get("/_aws/sns/platform-endpoint-messages", Map.of());
        JsonNode message = all.get("platform_endpoint_messages").get(endpoint).get(0);
        assertThat(names(message))
                .containsExactly(
                        "TargetArn",
                        "TopicArn",
                        "Message",
                        "MessageAttributes",
                        "MessageStructure",
                        "Subject",
                        "MessageId");
        assertThat(message.get("TopicArn").asText()).isEmpty();
        assertThat(message.get("Message").asText()).isEqualTo("\"{\\\"aps\\\": {\\\"content-available\\\": 1}}\"");
        assertThat(message.get("MessageAttributes").toString())
                .isEqualTo(
                        "{\"AWS.SNS.MOBILE.APNS.PUSH_TYPE\":{\"DataType\":\"String\",\"StringValue\":\"background\"},"
                                + "\"bin\":{\"DataType\":\"Binary\",\"BinaryValue\":\"AQI=\"}}");
        assertThat(message.get("MessageStructure").asText()).isEqualTo("json");

        JsonNode byArn = get("/_aws/sns/platform-endpoint-messages", Map.of("endpointArn", endpoint));
        assertThat(byArn.get("platform_endpoint_messages").get(endpoint)).hasSize(1);
        assertThat(byArn.get("region").asText()).isEqualTo("us-east-1");
        String elsewhere = endpoint.replace("us-east-1", "eu-west-1");
        assertThat(get("/_aws/sns/platform-endpoint-messages", Map.of("endpointArn", elsewhere))
                        .toString())
                .isEqualTo("{\"platform_endpoint_messages\":{\"" + elsewhere + "\":[]},\"region\":\"eu-west-1\"}");
        assertThat(Objects.requireNonNull(serve(
                                "DELETE", "/_aws/sns/platform-endpoint-messages", Map.of("endpointArn", endpoint), ""))
                        .status())
                .isEqualTo(204);
        assertThat(get("/_aws/sns/platform-endpoint-messages", Map.of())
                        .get("platform_endpoint_messages")
                        .size())
                .isZero();
    }

    @Test
    void phoneNumbersAreOptedOutByPostAndOtherRequestsAreRefusedOrLeftToOthers() throws Exception {
        WireResponse optedOut = Objects.requireNonNull(serve(
                "POST",
                "/_aws/sns/phone-opt-outs",
                Map.of(),
                "{\"phoneNumber\":\"+15555550100\",\"accountId\":\"000000000000\"}"));
        publish(null, null, "+15555550100", "nothing", null, null);

        assertThat(optedOut.status()).isEqualTo(200);
        assertThat(get("/_aws/sns/sms-messages", Map.of()).get("sms_messages").size())
                .isZero();
        assertThat(engine.listPhoneNumbersOptedOut(CONTEXT, new dev.wharf.sns.api.ListPhoneNumbersOptedOutRequest(null))
                        .phoneNumbers())
                .containsExactly("+15555550100");
        WireResponse invalid =
                Objects.requireNonNull(serve("POST", "/_aws/sns/phone-opt-outs", Map.of(), "{\"phoneNumber\":\"x\"}"));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(new String(invalid.body(), StandardCharsets.UTF_8))
                .isEqualTo("{\"error\":\"Invalid parameter: PhoneNumber Reason: input incorrectly formatted\"}");
        assertThat(Objects.requireNonNull(serve("POST", "/_aws/sns/phone-opt-outs", Map.of(), "["))
                        .status())
                .isEqualTo(400);
        WireResponse put = Objects.requireNonNull(serve("PUT", "/_aws/sns/sms-messages", Map.of(), ""));
        assertThat(put.status()).isEqualTo(405);
        assertThat(put.headers()).containsEntry("Allow", "GET, DELETE");
        assertThat(Objects.requireNonNull(serve("GET", "/_aws/sns/phone-opt-outs", Map.of(), ""))
                        .headers())
                .containsEntry("Allow", "POST");
        assertThat(serve("GET", "/_aws/sns/subscription-tokens/x", Map.of(), ""))
                .isNull();
        assertThat(serve("GET", "/_aws/sqs/messages", Map.of(), "")).isNull();
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
