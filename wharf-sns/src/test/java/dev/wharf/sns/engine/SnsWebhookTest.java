package dev.wharf.sns.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.sns.api.CreatePlatformApplicationRequest;
import dev.wharf.sns.api.CreatePlatformEndpointRequest;
import dev.wharf.sns.api.MessageAttributeValue;
import dev.wharf.sns.api.PublishRequest;
import dev.wharf.sns.api.SnsContext;
import dev.wharf.sns.engine.message.SigningKeys;
import dev.wharf.sqs.engine.SqsEngine;
import dev.wharf.storage.MemoryStorageEngine;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Forwarding SMS and push notifications to webhooks on the engine, with a scripted webhook and a clock the test moves:
 * the body and headers, the order, AWS's SMS schedule for retries, refusals, and going on after a restart.
 */
class SnsWebhookTest {

    private static final String ACCOUNT = "000000000000";
    private static final SnsContext CONTEXT = new SnsContext(ACCOUNT, "http://localhost:4566");
    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
    private static final SigningKeys KEYS = SigningKeys.ephemeral(Clock.fixed(START, ZoneOffset.UTC));
    private static final URI SMS_HOOK = URI.create("http://provider.example/sms");
    private static final URI PUSH_HOOK = URI.create("http://provider.example/push");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestClock clock = new TestClock(START);
    private final MemoryStorageEngine storage = new MemoryStorageEngine();
    private final SqsEngine sqs = new SqsEngine(storage.queues(), clock, "us-east-1");
    private final FakeEndpoints hooks = new FakeEndpoints(clock);
    private SnsEngine sns = open(new SnsWebhooks(SMS_HOOK, PUSH_HOOK));

    private SnsEngine open(SnsWebhooks webhooks) {
        return new SnsEngine(
                storage.topics(),
                storage.deliveries(),
                storage.archive(),
                sqs,
                KEYS,
                clock,
                "us-east-1",
                new SnsDeliveryConfig(hooks, Map.of(), null, webhooks),
                DeliveryLanes.Limits.DEFAULT,
                Runnable::run,
                false);
    }

    @AfterEach
    void close() {
        sns.close();
    }

    private void sms(String number, String message) {
        sns.publish(
                CONTEXT,
                new PublishRequest(
                        null,
                        null,
                        number,
                        message,
                        null,
                        null,
                        Map.of("AWS.SNS.SMS.SMSType", new MessageAttributeValue("String", "Transactional", null)),
                        null,
                        null));
    }

    private List<String> forwardedMessages() {
        return hooks.received().stream()
                .map(received -> {
                    try {
                        return JSON.readTree(received.body()).path("Message").asText();
                    } catch (IOException e) {
                        throw new AssertionError(e);
                    }
                })
                .toList();
    }

    @Test
    void eachSmsIsPostedAsTheOutboxShowsItInOrder() throws Exception {
        sms("+15555550100", "first");
        sms("+15555550101", "second");
        sns.runDeliveries();

        assertThat(hooks.received()).hasSize(2);
        FakeEndpoints.Received first = hooks.received().getFirst();
        assertThat(first.request().uri()).isEqualTo(SMS_HOOK);
        assertThat(first.header("Content-Type")).isEqualTo("application/json");
        JsonNode body = JSON.readTree(first.body());
        assertThat(body.path("PhoneNumber").asText()).isEqualTo("+15555550100");
        assertThat(body.path("Message").asText()).isEqualTo("first");
        assertThat(body.path("MessageAttributes")
                        .path("AWS.SNS.SMS.SMSType")
                        .path("StringValue")
                        .asText())
                .isEqualTo("Transactional");
        assertThat(first.header("x-amz-sns-message-id"))
                .isEqualTo(body.path("MessageId").asText());
        assertThat(forwardedMessages()).containsExactly("first", "second");
        // Still in the outbox too, for a test to read.
        assertThat(sns.smsMessages(ACCOUNT, null)).hasSize(2);

        hooks.clear();
        sns.runDeliveries();
        assertThat(hooks.received()).as("nothing is forwarded twice").isEmpty();
    }

    @Test
    void aPushNotificationGoesToThePushWebhook() throws Exception {
        String application = Objects.requireNonNull(sns.createPlatformApplication(
                        CONTEXT,
                        new CreatePlatformApplicationRequest("app", "GCM", Map.of("PlatformCredential", "key")))
                .platformApplicationArn());
        String endpoint = Objects.requireNonNull(sns.createPlatformEndpoint(
                        CONTEXT, new CreatePlatformEndpointRequest(application, "device-token", null, null))
                .endpointArn());
        sns.publish(CONTEXT, new PublishRequest(null, endpoint, null, "to the device", null, null, null, null, null));
        sns.runDeliveries();

        FakeEndpoints.Received push = hooks.received().getFirst();
        assertThat(push.request().uri()).isEqualTo(PUSH_HOOK);
        JsonNode body = JSON.readTree(push.body());
        assertThat(body.path("TargetArn").asText()).isEqualTo(endpoint);
        assertThat(body.path("Message").asText()).isEqualTo("to the device");
    }

    @Test
    void aFailingWebhookIsRetriedOnAwsScheduleForSmsAndHoldsBackLaterMessages() {
        hooks.answer(request -> 503);
        sms("+15555550100", "first");
        sms("+15555550101", "second");
        sns.runDeliveries();
        assertThat(forwardedMessages()).containsExactly("first");

        clock.advance(Duration.ofSeconds(9));
        sns.runDeliveries();
        assertThat(forwardedMessages())
                .as("the first retry is ten seconds later")
                .containsExactly("first");

        hooks.answer(request -> 200);
        clock.advance(Duration.ofSeconds(1));
        sns.runDeliveries();
        assertThat(forwardedMessages()).containsExactly("first", "first", "second");
    }

    @Test
    void aWebhookThatIsNotThereIsRetriedAndOneThatRefusesIsNot() {
        hooks.answer(request -> {
            throw new IOException("connection refused");
        });
        sms("+15555550100", "unreachable");
        sns.runDeliveries();
        clock.advance(Duration.ofSeconds(10));
        sns.runDeliveries();
        assertThat(forwardedMessages()).containsExactly("unreachable", "unreachable");

        hooks.answer(request -> 400);
        clock.advance(Duration.ofSeconds(10));
        sns.runDeliveries();
        sms("+15555550101", "next");
        sns.runDeliveries();
        assertThat(forwardedMessages())
                .as("a 400 ends the message's forwarding at once")
                .containsExactly("unreachable", "unreachable", "unreachable", "next");
    }

    @Test
    void aRestartGoesOnAfterTheLastMessageForwarded() {
        sms("+15555550100", "before");
        sns.runDeliveries();
        sns.close();
        hooks.clear();

        sns = open(new SnsWebhooks(SMS_HOOK, PUSH_HOOK));
        sms("+15555550101", "after");
        sns.runDeliveries();
        assertThat(forwardedMessages()).containsExactly("after");
    }

    @Test
    void numbersNeverGoBackAfterTheOutboxWasClearedSoNothingNewIsSkipped() {
        sms("+15555550100", "one");
        sms("+15555550100", "two");
        sns.runDeliveries();
        sns.clearSmsMessages(ACCOUNT, null);
        sns.close();
        hooks.clear();

        sns = open(new SnsWebhooks(SMS_HOOK, PUSH_HOOK));
        sms("+15555550100", "three");
        sns.runDeliveries();
        assertThat(forwardedMessages()).containsExactly("three");
    }

    @Test
    void withoutAWebhookNothingIsPosted() {
        sns.close();
        sns = open(SnsWebhooks.NONE);
        sms("+15555550100", "kept only");
        sns.runDeliveries();
        assertThat(hooks.received()).isEmpty();
        assertThat(sns.smsMessages(ACCOUNT, null)).hasSize(1);
    }
}
