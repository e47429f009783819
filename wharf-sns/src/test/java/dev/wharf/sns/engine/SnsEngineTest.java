package dev.wharf.sns.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.common.AwsException;
import dev.wharf.sns.api.CreateTopicRequest;
import dev.wharf.sns.api.GetSubscriptionAttributesRequest;
import dev.wharf.sns.api.GetTopicAttributesRequest;
import dev.wharf.sns.api.ListSubscriptionsRequest;
import dev.wharf.sns.api.ListTopicsRequest;
import dev.wharf.sns.api.ListTopicsResponse;
import dev.wharf.sns.api.MessageAttributeValue;
import dev.wharf.sns.api.PublishRequest;
import dev.wharf.sns.api.SetTopicAttributesRequest;
import dev.wharf.sns.api.SnsContext;
import dev.wharf.sns.api.SnsError;
import dev.wharf.sns.api.SubscribeRequest;
import dev.wharf.sns.api.Tag;
import dev.wharf.sns.engine.message.SigningKeys;
import dev.wharf.sqs.api.CreateQueueRequest;
import dev.wharf.sqs.api.Message;
import dev.wharf.sqs.api.ReceiveMessageRequest;
import dev.wharf.sqs.api.SqsContext;
import dev.wharf.sqs.engine.SqsEngine;
import dev.wharf.storage.DeliveryBatch;
import dev.wharf.storage.MemoryStorageEngine;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** SNS's engine over the memory store, delivering to a real SQS engine: no HTTP, a fixed clock. */
class SnsEngineTest {

    private static final String ACCOUNT = "000000000000";
    private static final SnsContext CONTEXT = new SnsContext(ACCOUNT, "http://localhost:4566");
    private static final SqsContext QUEUES = new SqsContext(ACCOUNT, "http://localhost:4566");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Clock clock = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);
    private final MemoryStorageEngine storage = new MemoryStorageEngine();
    private final SqsEngine sqs = new SqsEngine(storage.queues(), clock, "us-east-1");
    private final SigningKeys keys = SigningKeys.ephemeral(clock);
    private SnsEngine sns = open();

    private SnsEngine open() {
        return new SnsEngine(
                storage.topics(),
                storage.deliveries(),
                storage.archive(),
                sqs,
                keys,
                clock,
                "us-east-1",
                new SnsDeliveryConfig(new FakeEndpoints(clock), Map.of()),
                DeliveryLanes.Limits.DEFAULT,
                Runnable::run,
                false);
    }

    @AfterEach
    void close() {
        sns.close();
    }

    private String topic(String name, Map<String, String> attributes) {
        return Objects.requireNonNull(
                sns.createTopic(CONTEXT, new CreateTopicRequest(name, attributes, List.of(), null))
                        .topicArn());
    }

    private String queue(String name) {
        sqs.createQueue(
                QUEUES,
                new CreateQueueRequest(name, name.endsWith(".fifo") ? Map.of("FifoQueue", "true") : null, null));
        return "arn:aws:sqs:us-east-1:" + ACCOUNT + ":" + name;
    }

    private String subscribe(String topic, String queueArn, Map<String, String> attributes) {
        return Objects.requireNonNull(
                sns.subscribe(CONTEXT, new SubscribeRequest(topic, "sqs", queueArn, attributes, null))
                        .subscriptionArn());
    }

    private List<Message> receive(String queue) {
        return sqs.receiveMessage(
                        QUEUES, ReceiveMessageRequest.of("http://localhost:4566/" + ACCOUNT + "/" + queue, 10))
                .messages();
    }

    private void publish(String topic, String message, Map<String, MessageAttributeValue> attributes) {
        sns.publish(CONTEXT, new PublishRequest(topic, null, null, message, null, null, attributes, null, null));
    }

    private static void assertError(Runnable call, SnsError error, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(AwsException.class, e -> {
            assertThat(e.code()).isEqualTo(error);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    @Test
    void startingMakesNoSigningKey(@org.junit.jupiter.api.io.TempDir java.nio.file.Path data) {
        // A key costs RSA generation and BouncyCastle's classes (about 20 MB of heap): start-up must not pay them.
        try (SnsEngine started = new SnsEngine(
                storage.topics(),
                storage.deliveries(),
                storage.archive(),
                sqs,
                SigningKeys.persistent(data, clock),
                clock,
                "us-east-1")) {
            assertThat(started.topicCount()).isZero();
        }
        assertThat(data.resolve(SigningKeys.DIRECTORY)).doesNotExist();
    }

    @Test
    void createTopicIsIdempotentAndRefusesDifferentAttributesOrTags() {
        String arn = topic("orders", Map.of("DisplayName", "Orders"));
        assertThat(topic("orders", Map.of())).isEqualTo(arn);
        assertThat(topic("orders", Map.of("DisplayName", "Orders"))).isEqualTo(arn);

        assertError(
                () -> topic("orders", Map.of("DisplayName", "Other")),
                SnsError.InvalidParameter,
                "Invalid parameter: Attributes Reason: Topic already exists with different attributes");
        assertError(
                () -> sns.createTopic(
                        CONTEXT, new CreateTopicRequest("orders", null, List.of(new Tag("a", "b")), null)),
                SnsError.InvalidParameter,
                "Invalid parameter: Tags Reason: Topic already exists with different tags");
    }

    @Test
    void topicNamesFollowAwsRules() {
        assertError(() -> topic("has space", Map.of()), SnsError.InvalidParameter, "Invalid parameter: Topic Name");
        assertError(() -> topic("x".repeat(257), Map.of()), SnsError.InvalidParameter, "Invalid parameter: Topic Name");
        assertError(() -> topic("plain.fifo", Map.of()), SnsError.InvalidParameter, "Invalid parameter: Topic Name");
        assertThatThrownBy(() -> topic("nofifo", Map.of("FifoTopic", "true")))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.getMessage())
                        .startsWith("Invalid parameter: Fifo Topic names must end with .fifo"));
        assertThat(topic("x".repeat(256), Map.of())).endsWith(":" + "x".repeat(256));
    }

    @Test
    void topicAttributesHoldTheDerivedOnesAndRefuseUnknownNames() {
        String arn = topic("attrs.fifo", Map.of("FifoTopic", "true", "ContentBasedDeduplication", "true"));
        Map<String, String> attributes =
                Objects.requireNonNull(sns.getTopicAttributes(CONTEXT, new GetTopicAttributesRequest(arn))
                        .attributes());
        assertThat(attributes)
                .containsEntry("FifoTopic", "true")
                .containsEntry("ContentBasedDeduplication", "true")
                .containsEntry("Owner", ACCOUNT)
                .containsEntry("SubscriptionsPending", "0")
                .containsEntry("TopicArn", arn);
        assertThat(attributes.get("Policy")).contains("__default_statement_ID").contains(arn);

        assertError(
                () -> sns.setTopicAttributes(CONTEXT, new SetTopicAttributesRequest(arn, "Owner", "1")),
                SnsError.InvalidParameter,
                "Invalid parameter: AttributeName");
        String standard = topic("standard", Map.of());
        assertError(
                () -> sns.setTopicAttributes(
                        CONTEXT, new SetTopicAttributesRequest(standard, "ContentBasedDeduplication", "true")),
                SnsError.InvalidParameter,
                "Invalid parameter: ContentBasedDeduplication Reason: Content based deduplication can only be set"
                        + " for FIFO topics");
    }

    @Test
    void listTopicsPagesByOneHundred() {
        for (int i = 0; i < 150; i++) {
            topic("t" + i, Map.of());
        }
        ListTopicsResponse first = sns.listTopics(CONTEXT, new ListTopicsRequest(null));
        assertThat(first.topics()).hasSize(100);
        ListTopicsResponse second = sns.listTopics(CONTEXT, new ListTopicsRequest(first.nextToken()));
        assertThat(second.topics()).hasSize(50);
        assertThat(second.nextToken()).isNull();
        assertThat(sns.listTopics(new SnsContext("111111111111", "http://x"), new ListTopicsRequest(null))
                        .topics())
                .as("another account sees none of them")
                .isEmpty();
    }

    @Test
    void aPublishIsReceivableFromEverySubscribedQueueAtOnce() throws Exception {
        String topic = topic("fanout", Map.of());
        List<String> queues = List.of("q0", "q1", "q2");
        for (String name : queues) {
            subscribe(topic, queue(name), Map.of());
        }

        publish(topic, "hello", Map.of("k", MessageAttributeValue.ofString("String", "v")));

        for (String name : queues) {
            List<Message> received = receive(name);
            assertThat(received).hasSize(1);
            JsonNode envelope = JSON.readTree(received.getFirst().body());
            assertThat(envelope.path("Message").asText()).isEqualTo("hello");
            assertThat(envelope.path("Timestamp").asText()).isEqualTo("2025-01-01T00:00:00.000Z");
            assertThat(received.getFirst().attributes()).containsEntry("SenderId", QueueNotifications.SNS_SENDER_ID);
        }
        assertThat(pendingDeliveries())
                .as("the outbox is empty once every queue has the message")
                .isZero();
    }

    @Test
    void aSubscriptionToAQueueThatDoesNotExistSendsToItsDeadLetterQueue() {
        String topic = topic("dlq", Map.of());
        String dlq = queue("dead");
        subscribe(
                topic,
                "arn:aws:sqs:us-east-1:" + ACCOUNT + ":missing",
                Map.of("RedrivePolicy", "{\"deadLetterTargetArn\":\"" + dlq + "\"}"));

        publish(topic, "lost?", Map.of());

        List<Message> dead = receive("dead");
        assertThat(dead).singleElement().satisfies(message -> {
            assertThat(message.body()).contains("lost?");
            assertThat(message.messageAttributes()).containsKeys("ErrorCode", "ErrorMessage");
        });
        assertThat(pendingDeliveries()).isZero();
    }

    @Test
    void aQueueOfAnotherAccountWithoutAPolicyGetsNothing() {
        SqsContext other = new SqsContext("111111111111", "http://localhost:4566");
        sqs.createQueue(other, new CreateQueueRequest("theirs", null, null));
        String topic = topic("cross", Map.of());
        subscribe(topic, "arn:aws:sqs:us-east-1:111111111111:theirs", Map.of());

        publish(topic, "x", Map.of());

        assertThat(sqs.receiveMessage(other, ReceiveMessageRequest.of("http://localhost:4566/111111111111/theirs", 10))
                        .messages())
                .isEmpty();
    }

    @Test
    void topicsSubscriptionsAndTheOutboxSurviveARestart() throws Exception {
        String topic = topic("durable", Map.of("DisplayName", "D"));
        String queueArn = queue("after-restart");
        String subscription = subscribe(topic, queueArn, Map.of("RawMessageDelivery", "true"));
        // A publish whose deliveries were not done when the process died: its outbox record is all that is left.
        long sequence = storage.deliveries().lastSequence() + 1;
        SnsRecords.Published published = new SnsRecords.Published(
                "m-1",
                topic,
                null,
                "undelivered",
                false,
                new LinkedHashMap<>(),
                clock.millis(),
                null,
                null,
                null,
                "http://localhost:4566",
                "1");
        storage.deliveries()
                .commit(new DeliveryBatch()
                        .putMessage(sequence, SnsRecords.encode(published))
                        .putDelivery(sequence, 0, SnsRecords.encode(new SnsRecords.Pending(subscription, 0, 0, null))));
        sns.close();

        sns = open();

        assertThat(sns.getTopicAttributes(CONTEXT, new GetTopicAttributesRequest(topic))
                        .attributes())
                .containsEntry("DisplayName", "D")
                .containsEntry("SubscriptionsConfirmed", "1");
        assertThat(sns.getSubscriptionAttributes(CONTEXT, new GetSubscriptionAttributesRequest(subscription))
                        .attributes())
                .containsEntry("RawMessageDelivery", "true");
        sns.awaitRecovery();
        List<Message> received = receive("after-restart");
        assertThat(received).extracting(Message::body).containsExactly("undelivered");
    }

    @Test
    void subscribeChecksTheEndpointForItsProtocol() {
        String topic = topic("endpoints", Map.of());
        assertError(
                () -> sns.subscribe(CONTEXT, new SubscribeRequest(topic, "sqs", "not-an-arn", null, null)),
                SnsError.InvalidParameter,
                "Invalid parameter: SQS endpoint ARN");
        assertError(
                () -> sns.subscribe(CONTEXT, new SubscribeRequest(topic, "carrier-pigeon", "x", null, null)),
                SnsError.InvalidParameter,
                "Invalid parameter: Amazon SNS does not support this protocol string: carrier-pigeon");
        assertThat(sns.subscribe(CONTEXT, new SubscribeRequest(topic, "https", "https://example.com/hook", null, null))
                        .subscriptionArn())
                .isEqualTo("pending confirmation");
        assertThat(sns.listSubscriptions(CONTEXT, new ListSubscriptionsRequest(null))
                        .subscriptions())
                .extracting(dev.wharf.sns.api.Subscription::subscriptionArn)
                .containsExactly("PendingConfirmation");
    }

    @Test
    void publishChecksTheMessageAsAwsDoes() {
        String topic = topic("rules", Map.of());
        assertError(() -> publish(topic, "", Map.of()), SnsError.InvalidParameter, "Invalid parameter: Empty message");
        assertError(
                () -> publish(topic, "x".repeat(262_145), Map.of()),
                SnsError.InvalidParameter,
                "Invalid parameter: Message too long");
        assertError(
                () -> publish(topic, "x", Map.of("n", MessageAttributeValue.ofString("Number", "abc"))),
                SnsError.InvalidParameter,
                "Invalid parameter: MessageAttributes Reason: Could not cast message attribute 'n' value to number.");
        assertError(
                () -> sns.publish(
                        CONTEXT, new PublishRequest(topic, null, null, "x", "line\nbreak", null, null, null, null)),
                SnsError.InvalidParameter,
                "Invalid parameter: Subject");
        assertError(
                () -> sns.publish(
                        CONTEXT,
                        new PublishRequest(
                                "arn:aws:sns:us-east-1:" + ACCOUNT + ":none",
                                null,
                                null,
                                "x",
                                null,
                                null,
                                null,
                                null,
                                null)),
                SnsError.NotFound,
                "Topic does not exist");
    }

    private int pendingDeliveries() {
        int[] count = {0};
        storage.deliveries().scanDeliveries((sequence, target, value) -> count[0]++);
        return count[0];
    }
}
