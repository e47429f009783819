package dev.wharf.sns.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.common.AwsException;
import dev.wharf.sns.api.CreateTopicRequest;
import dev.wharf.sns.api.DeleteTopicRequest;
import dev.wharf.sns.api.GetSubscriptionAttributesRequest;
import dev.wharf.sns.api.GetTopicAttributesRequest;
import dev.wharf.sns.api.MessageAttributeValue;
import dev.wharf.sns.api.PublishBatchRequest;
import dev.wharf.sns.api.PublishBatchRequestEntry;
import dev.wharf.sns.api.PublishRequest;
import dev.wharf.sns.api.PublishResponse;
import dev.wharf.sns.api.SetSubscriptionAttributesRequest;
import dev.wharf.sns.api.SetTopicAttributesRequest;
import dev.wharf.sns.api.SnsContext;
import dev.wharf.sns.api.SnsError;
import dev.wharf.sns.api.SubscribeRequest;
import dev.wharf.sns.api.UnsubscribeRequest;
import dev.wharf.sns.engine.message.SigningKeys;
import dev.wharf.sqs.api.CreateQueueRequest;
import dev.wharf.sqs.api.DeleteQueueRequest;
import dev.wharf.sqs.api.Message;
import dev.wharf.sqs.api.ReceiveMessageRequest;
import dev.wharf.sqs.api.SqsContext;
import dev.wharf.sqs.engine.SqsEngine;
import dev.wharf.storage.MemoryStorageEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** FIFO topics' message archive and subscriptions' replays, over the memory store with a clock moved by hand. */
class SnsArchiveTest {

    private static final String ACCOUNT = "000000000000";
    private static final SnsContext CONTEXT = new SnsContext(ACCOUNT, "http://localhost:4566");
    private static final SqsContext QUEUES = new SqsContext(ACCOUNT, "http://localhost:4566");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final String KEEP_ONE_DAY = "{\"MessageRetentionPeriod\":\"1\"}";

    private final TestClock clock = new TestClock(T0);
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

    /** A new engine over the same stores, as a restart after SIGKILL finds them (the memory store applies at once). */
    private void restart() {
        sns.close();
        sns = open();
    }

    @AfterEach
    void close() {
        sns.close();
    }

    private String topic(String name, Map<String, String> attributes) {
        Map<String, String> all = new LinkedHashMap<>(attributes);
        if (name.endsWith(".fifo")) {
            all.put("FifoTopic", "true");
            all.put("ContentBasedDeduplication", "true");
        }
        return Objects.requireNonNull(sns.createTopic(CONTEXT, new CreateTopicRequest(name, all, List.of(), null))
                .topicArn());
    }

    private String archivedTopic() {
        return topic("orders.fifo", Map.of("ArchivePolicy", KEEP_ONE_DAY));
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

    private List<Message> receiveAll(String queue) {
        List<Message> out = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            List<Message> page = sqs.receiveMessage(
                            QUEUES, ReceiveMessageRequest.of("http://localhost:4566/" + ACCOUNT + "/" + queue, 10))
                    .messages();
            if (page.isEmpty()) {
                return out;
            }
            out.addAll(page);
            for (Message message : page) {
                sqs.deleteMessage(
                        QUEUES,
                        new dev.wharf.sqs.api.DeleteMessageRequest(
                                "http://localhost:4566/" + ACCOUNT + "/" + queue, message.receiptHandle()));
            }
        }
        return out;
    }

    private PublishResponse publish(String topic, String message, @Nullable String kind) {
        Map<String, MessageAttributeValue> attributes =
                kind == null ? Map.of() : Map.of("kind", new MessageAttributeValue("String", kind, null));
        return sns.publish(
                CONTEXT, new PublishRequest(topic, null, null, message, null, null, attributes, null, "group"));
    }

    private static String messageOf(Message message) throws Exception {
        return JSON.readTree(message.body()).get("Message").asText();
    }

    private static List<String> messagesOf(List<Message> messages) throws Exception {
        List<String> out = new ArrayList<>();
        for (Message message : messages) {
            out.add(messageOf(message));
        }
        return out;
    }

    private Map<String, String> topicAttributes(String topic) {
        return Objects.requireNonNull(sns.getTopicAttributes(CONTEXT, new GetTopicAttributesRequest(topic))
                .attributes());
    }

    private @Nullable String replayStatus(String subscription) {
        return Objects.requireNonNull(
                        sns.getSubscriptionAttributes(CONTEXT, new GetSubscriptionAttributesRequest(subscription))
                                .attributes())
                .get("ReplayStatus");
    }

    private void setTopicAttribute(String topic, String name, String value) {
        sns.setTopicAttributes(CONTEXT, new SetTopicAttributesRequest(topic, name, value));
    }

    private void setReplayPolicy(String subscription, String value) {
        sns.setSubscriptionAttributes(
                CONTEXT, new SetSubscriptionAttributesRequest(subscription, "ReplayPolicy", value));
    }

    private static String replayPolicy(Instant start, @Nullable Instant end) {
        return "{\"PointType\":\"Timestamp\",\"StartingPoint\":\"" + start + "\""
                + (end == null ? "" : ",\"EndingPoint\":\"" + end + "\"") + "}";
    }

    private int archived(String topic) {
        return storage.archive().scan(topic, 0, 0, Long.MAX_VALUE, Integer.MAX_VALUE, (time, sequence, payload) -> {});
    }

    private static void assertError(Runnable call, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(AwsException.class, e -> {
            assertThat(e.code()).isEqualTo(SnsError.InvalidParameter);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    @Test
    void archivePolicyIsCheckedAndOnlyFifoTopicsTakeIt() {
        String standard = topic("plain", Map.of());
        String fifo = topic("orders.fifo", Map.of());

        assertError(
                () -> setTopicAttribute(standard, "ArchivePolicy", KEEP_ONE_DAY),
                "Invalid parameter: ArchivePolicy Reason: ArchivePolicy can only be set for FIFO topics");
        assertError(
                () -> topic("other", Map.of("ArchivePolicy", KEEP_ONE_DAY)),
                "Invalid parameter: ArchivePolicy Reason: ArchivePolicy can only be set for FIFO topics");
        assertError(
                () -> setTopicAttribute(fifo, "ArchivePolicy", "not json"),
                "Invalid parameter: ArchivePolicy Reason: The policy is not a valid JSON object");
        assertError(
                () -> setTopicAttribute(fifo, "ArchivePolicy", "[1]"),
                "Invalid parameter: ArchivePolicy Reason: The policy is not a valid JSON object");
        assertError(
                () -> setTopicAttribute(fifo, "ArchivePolicy", "{\"MessageRetentionPeriod\":\"1\",\"Other\":1}"),
                "Invalid parameter: ArchivePolicy Reason: Unknown key Other");
        for (String days : List.of("\"0\"", "\"366\"", "0", "366", "\"ten\"", "1.5", "true", "null", "\"-1\"")) {
            assertError(
                    () -> setTopicAttribute(fifo, "ArchivePolicy", "{\"MessageRetentionPeriod\":" + days + "}"),
                    "Invalid parameter: ArchivePolicy Reason: MessageRetentionPeriod must be a number of days from 1"
                            + " to 365");
        }
        setTopicAttribute(fifo, "ArchivePolicy", "{\"MessageRetentionPeriod\":365}");
        assertThat(topicAttributes(fifo)).containsEntry("ArchivePolicy", "{\"MessageRetentionPeriod\":365}");
        setTopicAttribute(fifo, "ArchivePolicy", "{\"MessageRetentionPeriod\":\"1\"}");
        assertThat(topicAttributes(fifo)).containsKey("BeginningArchiveTime");
    }

    @Test
    void beginningArchiveTimeFollowsTheRetentionAndGoesWithTheArchive() {
        String topic = archivedTopic();
        assertThat(topicAttributes(topic)).containsEntry("BeginningArchiveTime", "2025-01-01T00:00:00Z");

        clock.advance(Duration.ofHours(30));
        assertThat(topicAttributes(topic)).containsEntry("BeginningArchiveTime", "2025-01-01T06:00:00Z");

        setTopicAttribute(topic, "ArchivePolicy", "{}");
        assertThat(topicAttributes(topic)).doesNotContainKey("BeginningArchiveTime");
        clock.advance(Duration.ofHours(1));
        setTopicAttribute(topic, "ArchivePolicy", KEEP_ONE_DAY);
        assertThat(topicAttributes(topic)).containsEntry("BeginningArchiveTime", "2025-01-02T07:00:00Z");
        setTopicAttribute(topic, "ArchivePolicy", "");
        assertThat(topicAttributes(topic)).doesNotContainKey("BeginningArchiveTime");
    }

    @Test
    void everyPublishedMessageIsArchivedAndPurgedOnceItsRetentionEnds() {
        String topic = archivedTopic();
        publish(topic, "a", null);
        publish(topic, "b", null);
        sns.publishBatch(
                CONTEXT,
                new PublishBatchRequest(
                        topic,
                        List.of(
                                new PublishBatchRequestEntry("1", "c", null, null, null, null, "group"),
                                new PublishBatchRequestEntry("2", "d", null, null, null, null, "group"))));
        clock.advance(Duration.ofHours(12));
        publish(topic, "e", null);
        assertThat(archived(topic)).isEqualTo(5);

        clock.advance(Duration.ofHours(12).plusMinutes(1));
        sns.runArchive();
        assertThat(archived(topic)).isEqualTo(1);

        clock.advance(Duration.ofHours(12));
        sns.runArchive();
        assertThat(archived(topic)).isZero();
    }

    @Test
    void aPurgePassDeletesABoundedNumberAndTheNextPassesTheRest() {
        String topic = archivedTopic();
        int published = Archives.PURGE_BATCH + 5;
        for (int i = 0; i < published; i++) {
            publish(topic, "m" + i, null);
        }
        clock.advance(Duration.ofDays(2));

        sns.runArchiveRound();
        assertThat(archived(topic)).isEqualTo(5);
        sns.runArchiveRound();
        assertThat(archived(topic)).isZero();
    }

    @Test
    void turningArchivingOffOrDeletingTheTopicDeletesItsArchive() {
        String topic = archivedTopic();
        publish(topic, "a", null);
        setTopicAttribute(topic, "ArchivePolicy", "{}");
        assertThat(archived(topic)).isZero();
        publish(topic, "not archived", null);
        assertThat(archived(topic)).isZero();

        setTopicAttribute(topic, "ArchivePolicy", KEEP_ONE_DAY);
        publish(topic, "b", null);
        assertThat(archived(topic)).isEqualTo(1);
        sns.deleteTopic(CONTEXT, new DeleteTopicRequest(topic));
        assertThat(archived(topic)).isZero();
    }

    @Test
    void replayPolicyIsCheckedAgainstItsForm() {
        String topic = archivedTopic();
        String subscription = subscribe(topic, queue("in.fifo"), Map.of());
        String reason = "Invalid parameter: ReplayPolicy Reason: ";

        assertError(() -> setReplayPolicy(subscription, "nope"), reason + "The policy is not a valid JSON object");
        assertError(
                () -> setReplayPolicy(subscription, "{\"StartingPoint\":\"" + T0 + "\"}"),
                reason + "PointType must be Timestamp");
        assertError(
                () -> setReplayPolicy(subscription, "{\"PointType\":\"Sequence\",\"StartingPoint\":\"" + T0 + "\"}"),
                reason + "PointType must be Timestamp");
        assertError(
                () -> setReplayPolicy(subscription, "{\"PointType\":\"Timestamp\"}"),
                reason + "StartingPoint is required");
        assertError(
                () -> setReplayPolicy(subscription, "{\"PointType\":\"Timestamp\",\"StartingPoint\":\"yesterday\"}"),
                reason + "StartingPoint must be an ISO-8601 timestamp, such as 2025-01-01T00:00:00.000Z");
        assertError(
                () -> setReplayPolicy(
                        subscription,
                        "{\"PointType\":\"Timestamp\",\"StartingPoint\":\"" + T0 + "\",\"EndingPoint\":5}"),
                reason + "EndingPoint must be an ISO-8601 timestamp, such as 2025-01-01T00:00:00.000Z");
        assertError(
                () -> setReplayPolicy(subscription, replayPolicy(T0, T0)),
                reason + "EndingPoint must be after StartingPoint");
        assertError(
                () -> setReplayPolicy(
                        subscription, "{\"PointType\":\"Timestamp\",\"StartingPoint\":\"" + T0 + "\",\"Extra\":1}"),
                reason + "Unknown key Extra");
        assertError(
                () -> subscribe(topic, queue("other.fifo"), Map.of("ReplayPolicy", "{}")),
                reason + "PointType must be Timestamp");
        assertThat(replayStatus(subscription)).isNull();
    }

    @Test
    void replayPolicyIsCheckedAgainstTheTopicsArchive() {
        String plain = topic("plain.fifo", Map.of());
        String reason = "Invalid parameter: ReplayPolicy Reason: ";
        assertError(
                () -> subscribe(plain, queue("a.fifo"), Map.of("ReplayPolicy", replayPolicy(T0, null))),
                reason + "Message archiving is not enabled on the topic");
        assertThat(sns.listSubscriptionsByTopic(
                                CONTEXT, new dev.wharf.sns.api.ListSubscriptionsByTopicRequest(plain, null))
                        .subscriptions())
                .isEmpty();

        clock.advance(Duration.ofHours(1));
        String topic = archivedTopic();
        String subscription = subscribe(topic, queue("b.fifo"), Map.of());
        assertError(
                () -> setReplayPolicy(subscription, replayPolicy(T0, null)),
                reason + "StartingPoint must not be before the topic's BeginningArchiveTime 2025-01-01T01:00:00Z");
        assertError(
                () -> setReplayPolicy(subscription, replayPolicy(clock.instant().plusSeconds(1), null)),
                reason + "StartingPoint must not be in the future");
        setReplayPolicy(
                subscription, replayPolicy(clock.instant(), clock.instant().plusSeconds(3600)));
        assertThat(replayStatus(subscription)).isEqualTo("Pending");
    }

    @Test
    void aReplayDeliversItsWindowAgainThroughTheFilterWithTheOriginalEnvelope() throws Exception {
        String topic = archivedTopic();
        List<PublishResponse> published = new ArrayList<>();
        List<String> kinds = List.of("a", "b", "a", "a", "a");
        for (int i = 0; i < kinds.size(); i++) {
            published.add(publish(topic, "m" + i, kinds.get(i)));
            clock.advance(Duration.ofMinutes(1));
        }
        clock.advance(Duration.ofMinutes(10));

        String subscription = subscribe(
                topic,
                queue("window"),
                Map.of(
                        "FilterPolicy",
                        "{\"kind\":[\"a\"]}",
                        "ReplayPolicy",
                        replayPolicy(T0.plusSeconds(60), T0.plusSeconds(180))));
        assertThat(replayStatus(subscription)).isEqualTo("Pending");
        assertThat(receiveAll("window")).isEmpty();

        sns.runArchive();

        List<Message> replayed = receiveAll("window");
        assertThat(messagesOf(replayed)).containsExactly("m2", "m3");
        JsonNode first = JSON.readTree(replayed.getFirst().body());
        assertThat(first.get("MessageId").asText()).isEqualTo(published.get(2).messageId());
        assertThat(first.get("SequenceNumber").asText())
                .isEqualTo(published.get(2).sequenceNumber());
        assertThat(first.get("Timestamp").asText()).isEqualTo("2025-01-01T00:02:00.000Z");
        assertThat(first.get("TopicArn").asText()).isEqualTo(topic);
        assertThat(replayStatus(subscription)).isEqualTo("Completed");
        publish(topic, "live", "a");
        assertThat(messagesOf(receiveAll("window"))).containsExactly("live");
    }

    @Test
    void aReplayIntoAFifoQueueKeepsTheOrderAndRawDelivery() {
        String topic = archivedTopic();
        for (int i = 0; i < 25; i++) {
            publish(topic, "m" + i, null);
        }
        clock.advance(Duration.ofMinutes(1));

        String subscription = subscribe(
                topic,
                queue("copy.fifo"),
                Map.of("RawMessageDelivery", "true", "ReplayPolicy", replayPolicy(T0, null)));
        sns.runArchiveRound();
        assertThat(replayStatus(subscription)).isEqualTo("Running");
        sns.runArchive();

        List<Message> replayed = receiveAll("copy.fifo");
        List<String> bodies = replayed.stream().map(Message::body).toList();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            expected.add("m" + i);
        }
        assertThat(bodies).containsExactlyElementsOf(expected);
        assertThat(replayed.getFirst().attributes()).containsEntry("MessageGroupId", "group");
        assertThat(replayStatus(subscription)).isEqualTo("Completed");
    }

    @Test
    void replayedCopiesKeepTheirDeduplicationIdSoAFifoQueueDropsThoseWithinItsWindow() {
        String topic = archivedTopic();
        String subscription = subscribe(topic, queue("same.fifo"), Map.of("RawMessageDelivery", "true"));
        publish(topic, "early", null);
        clock.advance(Duration.ofMinutes(4));
        publish(topic, "late", null);
        assertThat(receiveAll("same.fifo")).extracting(Message::body).containsExactly("early", "late");
        clock.advance(Duration.ofSeconds(90));

        setReplayPolicy(subscription, replayPolicy(T0, null));
        sns.runArchive();

        // "early" left the queue's 5-minute deduplication window; "late" is still in it and is dropped, as on AWS.
        assertThat(receiveAll("same.fifo")).extracting(Message::body).containsExactly("early");
        assertThat(replayStatus(subscription)).isEqualTo("Completed");
    }

    @Test
    void aNewReplayPolicyReplacesTheReplayThatRuns() {
        String topic = archivedTopic();
        for (int i = 0; i < 30; i++) {
            publish(topic, "m" + i, null);
            clock.advance(Duration.ofSeconds(1));
        }
        String subscription = subscribe(
                topic,
                queue("again.fifo"),
                Map.of("RawMessageDelivery", "true", "ReplayPolicy", replayPolicy(T0, null)));
        sns.runArchiveRound();
        assertThat(receiveAll("again.fifo")).hasSize(Replays.STEP_MESSAGES);

        setReplayPolicy(subscription, replayPolicy(T0.plusSeconds(28), null));
        assertThat(replayStatus(subscription)).isEqualTo("Pending");
        sns.runArchive();

        assertThat(receiveAll("again.fifo")).extracting(Message::body).containsExactly("m28", "m29");
        assertThat(replayStatus(subscription)).isEqualTo("Completed");
    }

    @Test
    void anEmptyReplayPolicyEndsTheReplayAndItsStatus() {
        String topic = archivedTopic();
        publish(topic, "m", null);
        String subscription = subscribe(topic, queue("stop.fifo"), Map.of("ReplayPolicy", replayPolicy(T0, null)));

        setReplayPolicy(subscription, "");

        assertThat(replayStatus(subscription)).isNull();
        sns.runArchive();
        assertThat(receiveAll("stop.fifo")).isEmpty();
    }

    @Test
    void aReplayWhoseQueueIsGoneFails() {
        String topic = archivedTopic();
        publish(topic, "m", null);
        String queueArn = queue("gone.fifo");
        String subscription = subscribe(topic, queueArn, Map.of());
        sqs.deleteQueue(QUEUES, new DeleteQueueRequest("http://localhost:4566/" + ACCOUNT + "/gone.fifo"));

        setReplayPolicy(subscription, replayPolicy(T0, null));
        sns.runArchive();

        assertThat(replayStatus(subscription)).isEqualTo("Failed");
        restart();
        assertThat(replayStatus(subscription)).isEqualTo("Failed");
    }

    @Test
    void aRunningReplayGoesOnAfterARestartAndACompletedOneIsNotMadeAgain() {
        String topic = archivedTopic();
        for (int i = 0; i < 25; i++) {
            publish(topic, "m" + i, null);
        }
        String subscription = subscribe(
                topic,
                queue("restart.fifo"),
                Map.of("RawMessageDelivery", "true", "ReplayPolicy", replayPolicy(T0, null)));
        sns.runArchiveRound();
        assertThat(receiveAll("restart.fifo")).hasSize(Replays.STEP_MESSAGES);

        restart();
        assertThat(replayStatus(subscription)).isEqualTo("Running");
        sns.runArchive();
        List<String> rest =
                receiveAll("restart.fifo").stream().map(Message::body).toList();
        assertThat(rest).hasSize(15).startsWith("m10").endsWith("m24");
        assertThat(replayStatus(subscription)).isEqualTo("Completed");

        restart();
        sns.runArchive();
        assertThat(replayStatus(subscription)).isEqualTo("Completed");
        assertThat(receiveAll("restart.fifo")).isEmpty();
    }

    @Test
    void theArchiveSurvivesARestartAndSequenceNumbersGoOnAboveIt() {
        String topic = archivedTopic();
        publish(topic, "a", null);
        PublishResponse last = publish(topic, "b", null);

        restart();
        PublishResponse after = publish(topic, "c", null);

        assertThat(archived(topic)).isEqualTo(3);
        assertThat(Objects.requireNonNull(after.sequenceNumber()))
                .isGreaterThan(Objects.requireNonNull(last.sequenceNumber()));
        assertThat(topicAttributes(topic)).containsEntry("BeginningArchiveTime", "2025-01-01T00:00:00Z");
    }

    @Test
    void unsubscribingOrDeletingTheTopicForgetsTheReplay() {
        String topic = archivedTopic();
        publish(topic, "m", null);
        String subscription = subscribe(topic, queue("bye.fifo"), Map.of("ReplayPolicy", replayPolicy(T0, null)));
        sns.unsubscribe(CONTEXT, new UnsubscribeRequest(subscription));
        sns.runArchive();
        assertThat(receiveAll("bye.fifo")).isEmpty();
        assertThat(storage.topics().read(SnsRecords.replayKey(subscription))).isNull();

        String second = subscribe(topic, queue("bye2.fifo"), Map.of("ReplayPolicy", replayPolicy(T0, null)));
        sns.deleteTopic(CONTEXT, new DeleteTopicRequest(topic));
        assertThat(storage.topics().read(SnsRecords.replayKey(second))).isNull();
        sns.runArchive();
        restart();
        assertThat(receiveAll("bye2.fifo")).isEmpty();
    }
}
