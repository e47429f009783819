package dev.wharf.sns.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.sns.api.ConfirmSubscriptionRequest;
import dev.wharf.sns.api.CreateTopicRequest;
import dev.wharf.sns.api.DeleteTopicRequest;
import dev.wharf.sns.api.MessageAttributeValue;
import dev.wharf.sns.api.PublishRequest;
import dev.wharf.sns.api.SnsContext;
import dev.wharf.sns.api.StatisticSet;
import dev.wharf.sns.api.SubscribeRequest;
import dev.wharf.sns.api.TopicMetrics;
import dev.wharf.sns.engine.message.SigningKeys;
import dev.wharf.sqs.api.CreateQueueRequest;
import dev.wharf.sqs.api.SqsContext;
import dev.wharf.sqs.engine.SqsEngine;
import dev.wharf.storage.MemoryStorageEngine;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The figures of CloudWatch's AWS/SNS topic metrics, on the engine with scripted endpoints and a clock the test moves:
 * what each count counts, per protocol, and that a snapshot starts them again from zero.
 */
class SnsMetricsTest {

    private static final String ACCOUNT = "000000000000";
    private static final SnsContext CONTEXT = new SnsContext(ACCOUNT, "http://localhost:4566");
    private static final SnsContext ANONYMOUS = new SnsContext("", "http://localhost:4566");
    private static final SqsContext QUEUES = new SqsContext(ACCOUNT, "http://localhost:4566");
    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
    private static final SigningKeys KEYS = SigningKeys.ephemeral(Clock.fixed(START, ZoneOffset.UTC));
    private static final String FUNCTION = "arn:aws:lambda:us-east-1:000000000000:function:f";
    private static final URI INVOKE_URL = URI.create("http://localhost:9000/2015-03-31/functions/function/invocations");

    private final TestClock clock = new TestClock(START);
    private final MemoryStorageEngine storage = new MemoryStorageEngine();
    private final SqsEngine sqs = new SqsEngine(storage.queues(), clock, "us-east-1");
    private final FakeEndpoints endpoints = new FakeEndpoints(clock);
    private final SnsEngine sns = new SnsEngine(
            storage.topics(),
            storage.deliveries(),
            storage.archive(),
            sqs,
            KEYS,
            clock,
            "us-east-1",
            new SnsDeliveryConfig(endpoints, Map.of(FUNCTION, INVOKE_URL)),
            DeliveryLanes.Limits.DEFAULT,
            Runnable::run,
            false);

    @AfterEach
    void close() {
        sns.close();
    }

    private String topic(String name) {
        return topic(name, null);
    }

    private String topic(String name, @Nullable Map<String, String> attributes) {
        return Objects.requireNonNull(sns.createTopic(CONTEXT, new CreateTopicRequest(name, attributes, null, null))
                .topicArn());
    }

    private String queue(String name) {
        sqs.createQueue(QUEUES, new CreateQueueRequest(name, null, null));
        return queueArn(name);
    }

    private static String queueArn(String name) {
        return "arn:aws:sqs:us-east-1:" + ACCOUNT + ":" + name;
    }

    private void subscribe(String topic, String protocol, String endpoint, Map<String, String> attributes) {
        sns.subscribe(CONTEXT, new SubscribeRequest(topic, protocol, endpoint, attributes, null));
    }

    private void confirmedHttp(String topic, String endpoint, Map<String, String> attributes) {
        subscribe(topic, "http", endpoint, attributes);
        String token = Objects.requireNonNull(sns.topicForTest(topic)).subscriptions.stream()
                .filter(s -> s.endpoint().equals(endpoint))
                .findFirst()
                .orElseThrow()
                .token();
        sns.confirmSubscription(ANONYMOUS, new ConfirmSubscriptionRequest(topic, token, null));
        sns.runDeliveries();
        endpoints.clear();
    }

    private void publish(String topic, String message) {
        publish(topic, message, Map.of());
    }

    private void publish(String topic, String message, Map<String, MessageAttributeValue> attributes) {
        sns.publish(CONTEXT, new PublishRequest(topic, null, null, message, null, null, attributes, null, null));
    }

    private static String redriveTo(String queueArn) {
        return "{\"deadLetterTargetArn\":\"" + queueArn + "\"}";
    }

    /** The one topic's figures in a snapshot. */
    private TopicMetrics only(String topicName) {
        List<TopicMetrics> snapshot = sns.metricsSnapshot();
        assertThat(snapshot).extracting(TopicMetrics::topicName).containsExactly(topicName);
        return snapshot.getFirst();
    }

    @Test
    void hasTopicTellsAQuietTopicFromADeletedOne() {
        String topic = topic("quiet");

        assertThat(sns.metricsSnapshot()).as("a quiet topic has no figures").isEmpty();
        assertThat(sns.hasTopic(ACCOUNT, "quiet")).isTrue();
        assertThat(sns.hasTopic("111111111111", "quiet"))
                .as("another account's")
                .isFalse();
        sns.deleteTopic(CONTEXT, new DeleteTopicRequest(topic));
        assertThat(sns.hasTopic(ACCOUNT, "quiet")).isFalse();
    }

    @Test
    void publishesAreCountedWithTheirSizesAndASnapshotStartsAgainFromZero() {
        String topic = topic("sizes");
        publish(topic, "a");
        publish(topic, "abcd");
        publish(topic, "ab", Map.of("k", MessageAttributeValue.ofString("String", "v")));

        TopicMetrics metrics = only("sizes");
        assertThat(metrics.accountId()).isEqualTo(ACCOUNT);
        assertThat(metrics.numberOfMessagesPublished()).isEqualTo(3);
        // The size that counts against 256 KiB: the body, and each attribute's name, type and value.
        assertThat(metrics.publishSize()).isEqualTo(new StatisticSet(3, 1 + 4 + 2 + 1 + 6 + 1, 1, 10));
        assertThat(metrics.numberOfNotificationsDelivered()).isZero();

        assertThat(sns.metricsSnapshot()).as("nothing happened since").isEmpty();
        publish(topic, "xyz");
        assertThat(only("sizes").publishSize()).isEqualTo(new StatisticSet(1, 3, 3, 3));
    }

    @Test
    void aFifoTopicsDuplicateIsNotPublishedAgain() {
        String topic = topic("orders.fifo", Map.of("FifoTopic", "true", "ContentBasedDeduplication", "true"));
        for (int i = 0; i < 3; i++) {
            sns.publish(CONTEXT, new PublishRequest(topic, null, null, "same", null, null, null, null, "g"));
        }
        assertThat(only("orders.fifo").numberOfMessagesPublished()).isEqualTo(1);
    }

    @Test
    void queueDeliveriesCountWhereTheyEndAndDeadLettersWhetherTheirQueueTookThem() {
        String topic = topic("queues");
        subscribe(topic, "sqs", queue("taken"), Map.of());
        subscribe(topic, "sqs", queueArn("missing"), Map.of("RedrivePolicy", redriveTo(queue("dlq"))));
        subscribe(topic, "sqs", queueArn("missing-too"), Map.of("RedrivePolicy", redriveTo(queueArn("no-dlq"))));
        subscribe(topic, "sqs", queueArn("missing-three"), Map.of());

        publish(topic, "m");

        TopicMetrics metrics = only("queues");
        assertThat(metrics.numberOfNotificationsDelivered()).isEqualTo(1);
        assertThat(metrics.numberOfNotificationsFailed())
                .as("refused by SQS: given up at once")
                .isEqualTo(3);
        assertThat(metrics.numberOfNotificationsRedrivenToDlq()).isEqualTo(1);
        assertThat(metrics.numberOfNotificationsFailedToRedriveToDlq()).isEqualTo(1);
    }

    @Test
    void filteredOutMessagesAreToldApartByScopeAndReason() {
        String topic = topic("filters");
        subscribe(topic, "sqs", queue("by-attribute"), Map.of("FilterPolicy", "{\"kind\":[\"a\"]}"));
        subscribe(
                topic,
                "sqs",
                queue("by-body"),
                Map.of("FilterPolicy", "{\"kind\":[\"a\"]}", "FilterPolicyScope", "MessageBody"));
        subscribe(topic, "sqs", queue("unfiltered"), Map.of());

        publish(topic, "{\"kind\":\"a\"}", Map.of("kind", MessageAttributeValue.ofString("String", "b")));
        publish(topic, "{\"kind\":\"b\"}");
        publish(topic, "not json", Map.of("kind", MessageAttributeValue.ofString("String", "a")));

        TopicMetrics metrics = only("filters");
        assertThat(metrics.numberOfMessagesPublished()).isEqualTo(3);
        assertThat(metrics.numberOfNotificationsDelivered())
                .as("unfiltered 3, by body 1, by attribute 1")
                .isEqualTo(5);
        assertThat(metrics.numberOfNotificationsFilteredOut()).isEqualTo(4);
        assertThat(metrics.numberOfNotificationsFilteredOutMessageAttributes()).isEqualTo(2);
        assertThat(metrics.numberOfNotificationsFilteredOutNoMessageAttributes())
                .isEqualTo(1);
        assertThat(metrics.numberOfNotificationsFilteredOutMessageBody()).isEqualTo(2);
        assertThat(metrics.numberOfNotificationsFilteredOutInvalidMessageBody()).isEqualTo(1);
    }

    @Test
    void aBinaryAttributeAloneIsNoAttributeForAFilter() {
        String topic = topic("binary");
        subscribe(topic, "sqs", queue("filtered"), Map.of("FilterPolicy", "{\"kind\":[\"a\"]}"));
        publish(topic, "m", Map.of("kind", MessageAttributeValue.ofBinary("Binary", new byte[] {1})));

        TopicMetrics metrics = only("binary");
        assertThat(metrics.numberOfNotificationsFilteredOutNoMessageAttributes())
                .isEqualTo(1);
        assertThat(metrics.numberOfNotificationsFilteredOut()).isEqualTo(1);
    }

    @Test
    void everyFailedHttpAttemptCountsAndTheDeliveryThatEndsItOnce() {
        String topic = topic("hooks");
        confirmedHttp(topic, "http://hooks.example/flaky", Map.of());
        int[] calls = {0};
        endpoints.answer(request -> calls[0]++ < 2 ? 500 : 200);

        publish(topic, "eventually");
        for (int second = 0; second <= 60; second++) {
            sns.runDeliveries();
            clock.advance(Duration.ofSeconds(1));
        }

        TopicMetrics metrics = only("hooks");
        assertThat(metrics.numberOfNotificationsFailed()).isEqualTo(2);
        assertThat(metrics.numberOfNotificationsDelivered()).isEqualTo(1);
    }

    @Test
    void anHttpConfirmationIsNoNotification() {
        String topic = topic("handshakes");
        endpoints.answer(request -> 500);
        subscribe(topic, "http", "http://hooks.example/pending", Map.of());
        sns.runDeliveries();

        assertThat(sns.metricsSnapshot()).isEmpty();
    }

    @Test
    void aLambdaDeliveryThatIsGivenUpFailsOnceAndGoesToItsDeadLetterQueue() {
        String topic = topic("functions");
        String dlq = queue("functions-dlq");
        subscribe(
                topic,
                "lambda",
                "arn:aws:lambda:us-east-1:000000000000:function:unknown",
                Map.of("RedrivePolicy", redriveTo(dlq)));
        subscribe(topic, "lambda", FUNCTION, Map.of());
        endpoints.answer(request -> 202);

        publish(topic, "event");
        sns.runDeliveries();

        TopicMetrics metrics = only("functions");
        assertThat(metrics.numberOfNotificationsDelivered()).isEqualTo(1);
        assertThat(metrics.numberOfNotificationsFailed()).isEqualTo(1);
        assertThat(metrics.numberOfNotificationsRedrivenToDlq()).isEqualTo(1);
    }

    @Test
    void smsToAnOptedOutNumberFailsAndTheOthersAreDelivered() {
        String topic = topic("texts");
        subscribe(topic, "sms", "+15555550100", Map.of());
        subscribe(topic, "sms", "+15555550111", Map.of());
        sns.optOutPhoneNumber(ACCOUNT, "+15555550111");

        publish(topic, "hello");

        TopicMetrics metrics = only("texts");
        assertThat(metrics.numberOfNotificationsDelivered()).isEqualTo(1);
        assertThat(metrics.numberOfNotificationsFailed()).isEqualTo(1);
    }

    @Test
    void eachTopicHasItsOwnFigures() {
        String first = topic("first");
        String second = topic("second");
        publish(first, "1");
        publish(second, "22");
        publish(second, "333");

        assertThat(sns.metricsSnapshot())
                .extracting(TopicMetrics::topicName, TopicMetrics::numberOfMessagesPublished)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("first", 1L),
                        org.assertj.core.groups.Tuple.tuple("second", 2L));
    }

    @Test
    void everyPublishLandsInExactlyOneSnapshotWhileOthersAreTaken() throws Exception {
        String topic = topic("busy");
        subscribe(topic, "sqs", queue("busy-queue"), Map.of());
        int threads = 4;
        int perThread = 200;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            running.add(pool.submit(() -> {
                go.await();
                for (int i = 0; i < perThread; i++) {
                    publish(topic, "m".repeat(1 + i % 7));
                }
                return null;
            }));
        }
        List<TopicMetrics> snapshots = new ArrayList<>();
        go.countDown();
        while (running.stream().anyMatch(f -> !f.isDone())) {
            snapshots.addAll(sns.metricsSnapshot());
        }
        for (Future<?> f : running) {
            f.get();
        }
        pool.shutdown();
        snapshots.addAll(sns.metricsSnapshot());

        long published = 0;
        long delivered = 0;
        double bytes = 0;
        for (TopicMetrics metrics : snapshots) {
            published += metrics.numberOfMessagesPublished();
            delivered += metrics.numberOfNotificationsDelivered();
            StatisticSet size = metrics.publishSize();
            if (size != null) {
                assertThat(size.sampleCount()).isEqualTo(metrics.numberOfMessagesPublished());
                assertThat(size.minimum()).isBetween(1.0, 7.0);
                assertThat(size.maximum()).isBetween(size.minimum(), 7.0);
                bytes += size.sum();
            }
        }
        assertThat(published).isEqualTo((long) threads * perThread);
        assertThat(delivered).isEqualTo((long) threads * perThread);
        long expectedBytes = 0;
        for (int i = 0; i < perThread; i++) {
            expectedBytes += 1 + i % 7;
        }
        assertThat(bytes).isEqualTo((double) threads * expectedBytes);
    }
}
