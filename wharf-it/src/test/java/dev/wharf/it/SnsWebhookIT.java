package dev.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.server.WharfConfig;
import dev.wharf.server.WharfServer;
import dev.wharf.sns.engine.SnsWebhooks;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/**
 * SNS forwarding SMS and push notifications to webhooks, a real HTTP receiver started on a free port, through the SDK
 * v2: direct publishes to a phone number and to a platform endpoint, and a topic's sms subscription, each POSTed as
 * the outboxes' JSON, in order.
 */
class SnsWebhookIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static SnsReceiver provider;
    private static WharfServer server;
    private static SnsClient sns;

    @BeforeAll
    static void start() throws Exception {
        provider = SnsReceiver.http();
        SnsWebhooks webhooks = new SnsWebhooks(URI.create(provider.url("/sms")), URI.create(provider.url("/push")));
        server = LocalWharf.inMemory(new WharfConfig.Sns(Map.of(), null, false, null, webhooks));
        sns = LocalWharf.sns(server.endpoint());
    }

    @AfterAll
    static void stop() {
        sns.close();
        server.close();
        provider.close();
    }

    @Test
    void smsToANumberAndThroughATopicReachTheSmsWebhookInOrder() {
        String published = sns.publish(b -> b.phoneNumber("+15555550123")
                        .message("your code is 1234")
                        .messageAttributes(Map.of(
                                "AWS.SNS.SMS.SenderID",
                                MessageAttributeValue.builder()
                                        .dataType("String")
                                        .stringValue("Wharf")
                                        .build())))
                .messageId();
        String topicArn = sns.createTopic(b -> b.name("sms-hook")).topicArn();
        String subscriptionArn = sns.subscribe(
                        b -> b.topicArn(topicArn).protocol("sms").endpoint("+15555550124"))
                .subscriptionArn();
        sns.publish(b -> b.topicArn(topicArn).message("from the topic"));

        List<SnsReceiver.Request> posted = provider.await("/sms", "Invoke", 2, WAIT);
        JsonNode first = posted.get(0).json();
        assertThat(posted.get(0).header("Content-Type")).isEqualTo("application/json");
        assertThat(first.path("PhoneNumber").asText()).isEqualTo("+15555550123");
        assertThat(first.path("Message").asText()).isEqualTo("your code is 1234");
        assertThat(first.path("MessageId").asText()).isEqualTo(published);
        assertThat(first.path("MessageAttributes")
                        .path("AWS.SNS.SMS.SenderID")
                        .path("StringValue")
                        .asText())
                .isEqualTo("Wharf");
        JsonNode second = posted.get(1).json();
        assertThat(second.path("PhoneNumber").asText()).isEqualTo("+15555550124");
        assertThat(second.path("TopicArn").asText()).isEqualTo(topicArn);
        assertThat(second.path("SubscriptionArn").asText()).isEqualTo(subscriptionArn);
        assertThat(second.path("Message").asText()).isEqualTo("from the topic");
    }

    @Test
    void aPushNotificationReachesThePushWebhook() {
        String application = sns.createPlatformApplication(
                        b -> b.name("hooked").platform("GCM").attributes(Map.of("PlatformCredential", "server-key")))
                .platformApplicationArn();
        String endpoint = sns.createPlatformEndpoint(
                        b -> b.platformApplicationArn(application).token("device-1"))
                .endpointArn();
        sns.publish(b -> b.targetArn(endpoint)
                .messageStructure("json")
                .message("{\"default\":\"plain\",\"GCM\":\"{\\\"notification\\\":{\\\"title\\\":\\\"hi\\\"}}\"}"));

        JsonNode push = provider.first("/push", "Invoke").json();
        assertThat(push.path("TargetArn").asText()).isEqualTo(endpoint);
        assertThat(push.path("MessageStructure").asText()).isEqualTo("json");
        assertThat(push.path("Message").asText()).contains("notification").contains("title");
    }
}
