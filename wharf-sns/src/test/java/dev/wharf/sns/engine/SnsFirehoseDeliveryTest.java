package dev.wharf.sns.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.common.AwsException;
import dev.wharf.firehose.api.FirehoseError;
import dev.wharf.firehose.api.RecordPutPort;
import dev.wharf.sns.api.CreateTopicRequest;
import dev.wharf.sns.api.PublishRequest;
import dev.wharf.sns.api.SnsContext;
import dev.wharf.sns.api.SnsError;
import dev.wharf.sns.api.SubscribeRequest;
import dev.wharf.sns.engine.message.SigningKeys;
import dev.wharf.sqs.api.CreateQueueRequest;
import dev.wharf.sqs.api.Message;
import dev.wharf.sqs.api.ReceiveMessageRequest;
import dev.wharf.sqs.api.SqsContext;
import dev.wharf.sqs.engine.SqsEngine;
import dev.wharf.storage.MemoryStorageEngine;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * SNS's {@code firehose} subscriptions through the RecordPutPort: the record is the notification document or the raw
 * message, one a line; SubscriptionRoleArn is required; a refused put goes to the dead-letter queue, and an unavailable
 * Firehose is retried.
 */
class SnsFirehoseDeliveryTest {

    private static final String ACCOUNT = "000000000000";
    private static final String ENDPOINT = "http://localhost:4566";
    private static final SnsContext CONTEXT = new SnsContext(ACCOUNT, ENDPOINT);
    private static final SigningKeys KEYS = SigningKeys.ephemeral(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
    private static final String STREAM = "arn:aws:firehose:us-east-1:" + ACCOUNT + ":deliverystream/archive";
    private static final String ROLE = "arn:aws:iam::" + ACCOUNT + ":role/sns-firehose";

    /** A Firehose that records what it is given, after refusing as many puts as it is told to. */
    private static final class Recorded implements RecordPutPort {
        final List<String> records = new CopyOnWriteArrayList<>();
        final AtomicInteger unavailable = new AtomicInteger();
        volatile boolean missing;

        @Override
        public void putRecord(String deliveryStreamArn, byte[] data) {
            if (missing) {
                throw FirehoseError.ResourceNotFound.with("Firehose archive under account " + ACCOUNT + " not found.");
            }
            if (unavailable.getAndDecrement() > 0) {
                throw FirehoseError.ServiceUnavailable.with("Slow down.");
            }
            assertThat(deliveryStreamArn).isEqualTo(STREAM);
            records.add(new String(data, StandardCharsets.UTF_8));
        }
    }

    private final MemoryStorageEngine storage = new MemoryStorageEngine();
    private final SqsEngine sqs = new SqsEngine(storage.queues(), Clock.systemUTC(), "us-east-1");
    private final Recorded firehose = new Recorded();
    private final SnsEngine sns = new SnsEngine(
            storage.topics(),
            storage.deliveries(),
            storage.archive(),
            sqs,
            firehose,
            KEYS,
            Clock.systemUTC(),
            "us-east-1",
            SnsDeliveryConfig.defaults());

    @AfterEach
    void close() {
        sns.close();
    }

    private String topic() {
        return Objects.requireNonNull(sns.createTopic(CONTEXT, new CreateTopicRequest("fan", null, null, null))
                .topicArn());
    }

    private void publish(String topic, String message) {
        sns.publish(CONTEXT, new PublishRequest(topic, null, null, message, "Greeting", null, Map.of(), null, null));
    }

    @Test
    void theRecordIsTheNotificationDocumentFollowedByANewline() throws Exception {
        String topic = topic();
        String subscription = sns.subscribe(
                        CONTEXT,
                        new SubscribeRequest(topic, "firehose", STREAM, Map.of("SubscriptionRoleArn", ROLE), true))
                .subscriptionArn();
        publish(topic, "hello");

        assertThat(firehose.records).hasSize(1);
        String record = firehose.records.getFirst();
        assertThat(record).endsWith("}\n");
        JsonNode document = new ObjectMapper().readTree(record);
        assertThat(document.get("Type").asText()).isEqualTo("Notification");
        assertThat(document.get("TopicArn").asText()).isEqualTo(topic);
        assertThat(document.get("Subject").asText()).isEqualTo("Greeting");
        assertThat(document.get("Message").asText()).isEqualTo("hello");
        assertThat(document.get("UnsubscribeURL").asText())
                .contains(Objects.requireNonNull(subscription).replace(":", "%3A"));
    }

    @Test
    void withRawMessageDeliveryTheRecordIsTheMessageAndANewline() {
        String topic = topic();
        sns.subscribe(
                CONTEXT,
                new SubscribeRequest(
                        topic,
                        "firehose",
                        STREAM,
                        Map.of("SubscriptionRoleArn", ROLE, "RawMessageDelivery", "true"),
                        null));
        publish(topic, "one");
        publish(topic, "two");

        assertThat(firehose.records).containsExactly("one\n", "two\n");
    }

    @Test
    void subscribeWithoutASubscriptionRoleArnIsRefused() {
        String topic = topic();
        assertThatThrownBy(
                        () -> sns.subscribe(CONTEXT, new SubscribeRequest(topic, "firehose", STREAM, Map.of(), null)))
                .isInstanceOfSatisfying(AwsException.class, e -> {
                    assertThat(e.code()).isEqualTo(SnsError.InvalidParameter);
                    assertThat(e.getMessage()).isEqualTo("Invalid parameter: SubscriptionRoleArn");
                });
    }

    @Test
    void anUnavailableFirehoseIsRetriedByAwssScheduleForItsOwnEndpoints() throws Exception {
        String topic = topic();
        sns.subscribe(
                CONTEXT,
                new SubscribeRequest(
                        topic,
                        "firehose",
                        STREAM,
                        Map.of("SubscriptionRoleArn", ROLE, "RawMessageDelivery", "true"),
                        null));
        firehose.unavailable.set(2);
        publish(topic, "later");

        // The three immediate retries come at once: the record arrives without waiting for the growing delays.
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (firehose.records.isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(10);
        }
        assertThat(firehose.records).containsExactly("later\n");
    }

    @Test
    void aMissingDeliveryStreamSendsTheRecordToTheDeadLetterQueue() {
        SqsContext queues = new SqsContext(ACCOUNT, ENDPOINT);
        sqs.createQueue(queues, new CreateQueueRequest("dead", null, null));
        String topic = topic();
        sns.subscribe(
                CONTEXT,
                new SubscribeRequest(
                        topic,
                        "firehose",
                        STREAM,
                        Map.of(
                                "SubscriptionRoleArn",
                                ROLE,
                                "RawMessageDelivery",
                                "true",
                                "RedrivePolicy",
                                "{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:" + ACCOUNT + ":dead\"}"),
                        null));
        firehose.missing = true;
        publish(topic, "lost");

        List<Message> dead = sqs.receiveMessage(
                        queues, ReceiveMessageRequest.of(ENDPOINT + "/" + ACCOUNT + "/dead", 10))
                .messages();
        assertThat(dead).hasSize(1);
        assertThat(dead.getFirst().body()).isEqualTo("lost\n");
        assertThat(Objects.requireNonNull(dead.getFirst().messageAttributes().get("ErrorCode"))
                        .stringValue())
                .isEqualTo("ResourceNotFoundException");
        assertThat(firehose.records).isEmpty();
    }
}
