package dev.wharf.sqs.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.common.AwsException;
import dev.wharf.sqs.api.CreateQueueRequest;
import dev.wharf.sqs.api.DeleteMessageBatchRequest;
import dev.wharf.sqs.api.DeleteMessageBatchRequestEntry;
import dev.wharf.sqs.api.DeleteMessageRequest;
import dev.wharf.sqs.api.DeleteQueueRequest;
import dev.wharf.sqs.api.Message;
import dev.wharf.sqs.api.MessageAttributeValue;
import dev.wharf.sqs.api.PurgeQueueRequest;
import dev.wharf.sqs.api.QueueDelivery;
import dev.wharf.sqs.api.QueueMetrics;
import dev.wharf.sqs.api.QueueMetrics.StatisticSet;
import dev.wharf.sqs.api.ReceiveMessageRequest;
import dev.wharf.sqs.api.SendMessageBatchRequest;
import dev.wharf.sqs.api.SendMessageBatchRequestEntry;
import dev.wharf.sqs.api.SendMessageBatchResult;
import dev.wharf.sqs.api.SendMessageRequest;
import dev.wharf.sqs.api.SqsContext;
import dev.wharf.sqs.api.StartMessageMoveTaskRequest;
import dev.wharf.storage.MemoryStorageEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SqsEngineMetricsTest {

    private static final String ACCOUNT = "000000000000";
    private static final SqsContext CONTEXT = new SqsContext(ACCOUNT, "http://localhost:4566");
    private static final String ARN = "arn:aws:sqs:us-east-1:" + ACCOUNT + ":";

    private final MemoryStorageEngine storage = new MemoryStorageEngine();
    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
    private SqsEngine engine;
    private String url;

    @BeforeEach
    void start() {
        engine = new SqsEngine(storage, clock, "us-east-1", false);
        url = create("orders", Map.of());
    }

    private String create(String name, Map<String, String> attributes) {
        return engine.createQueue(CONTEXT, new CreateQueueRequest(name, attributes, null))
                .queueUrl();
    }

    private String createFifo(String name) {
        return create(name, Map.of("FifoQueue", "true"));
    }

    private void send(String queueUrl, String body) {
        engine.sendMessage(CONTEXT, SendMessageRequest.of(queueUrl, body));
    }

    private void sendFifo(String queueUrl, String body, String deduplicationId) {
        engine.sendMessage(CONTEXT, new SendMessageRequest(queueUrl, body, null, null, null, deduplicationId, "g"));
    }

    private List<Message> receive(String queueUrl, int max) {
        return engine.receiveMessage(CONTEXT, ReceiveMessageRequest.of(queueUrl, max))
                .messages();
    }

    private void delete(String queueUrl, String receiptHandle) {
        engine.deleteMessage(CONTEXT, new DeleteMessageRequest(queueUrl, receiptHandle));
    }

    private void advance(int seconds) {
        clock.advance(Duration.ofSeconds(seconds));
        engine.tick();
    }

    /** One queue's figures from a new snapshot, which resets every queue's counters. */
    private QueueMetrics metrics(String name) {
        return engine.metricsSnapshot().stream()
                .filter(m -> m.queueName().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private static String redrive(String dlq, int maxReceiveCount) {
        return "{\"deadLetterTargetArn\":\"" + ARN + dlq + "\",\"maxReceiveCount\":" + maxReceiveCount + "}";
    }

    @Test
    void aNewQueueReportsZeroes() {
        assertThat(engine.metricsSnapshot())
                .containsExactly(
                        new QueueMetrics(ACCOUNT, "orders", false, 0, 0, 0, 0, 0, 0, 0, 0, StatisticSet.EMPTY, 0));
    }

    @Test
    void sendsCountEachMessageAddedAndItsSizeInBytes() {
        send(url, "hello");
        engine.sendMessage(
                CONTEXT,
                new SendMessageRequest(
                        url,
                        "hé",
                        null,
                        Map.of("k", MessageAttributeValue.ofString("String", "vv")),
                        null,
                        null,
                        null));
        SendMessageBatchResult batch = engine.sendMessageBatch(
                CONTEXT,
                new SendMessageBatchRequest(
                        url,
                        List.of(
                                SendMessageBatchRequestEntry.of("a", "1234567890"),
                                SendMessageBatchRequestEntry.of("b", "\u0001"),
                                SendMessageBatchRequestEntry.of("c", "x"))));
        assertThat(batch.failed()).hasSize(1);
        assertThatThrownBy(() -> send(url, "")).isInstanceOf(AwsException.class);

        QueueMetrics metrics = metrics("orders");

        // Sizes as AWS counts them against MaximumMessageSize: the body's UTF-8 bytes and each attribute's name, type
        // and value; "hé" with k:String:vv is 3 + 1 + 6 + 2 bytes.
        assertThat(metrics.sent()).isEqualTo(4);
        assertThat(metrics.sentMessageSize()).isEqualTo(new StatisticSet(4, 5 + 12 + 10 + 1, 1, 12));
        assertThat(metrics.visible()).isEqualTo(4);
    }

    @Test
    void aDeliveryFromSnsCountsAsSent() {
        engine.deliver(new QueueDelivery(
                ARN + "orders",
                "arn:aws:sns:us-east-1:" + ACCOUNT + ":events",
                ACCOUNT,
                "sns",
                "note",
                Map.of(),
                null,
                null));

        assertThat(metrics("orders").sent()).isEqualTo(1);
    }

    @Test
    void receivesCountTheMessagesReturnedAndEachCallThatReturnedNone() {
        for (int i = 0; i < 5; i++) {
            send(url, "m" + i);
        }
        metrics("orders");

        assertThat(receive(url, 3)).hasSize(3);
        assertThat(receive(url, 10)).hasSize(2);
        assertThat(receive(url, 10)).isEmpty();
        assertThat(receive(url, 1)).isEmpty();

        QueueMetrics metrics = metrics("orders");
        assertThat(metrics.received()).isEqualTo(5);
        assertThat(metrics.emptyReceives()).isEqualTo(2);
        assertThat(metrics.sent()).isZero();
    }

    @Test
    void aLongPollThatEndsEmptyIsOneEmptyReceive() throws Exception {
        ReceiveMessageRequest poll = new ReceiveMessageRequest(url, null, null, null, 10, null, 1, null);
        try (ExecutorService pollers = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<List<Message>> waiting =
                    pollers.submit(() -> engine.receiveMessage(CONTEXT, poll).messages());
            while (engine.queue(CONTEXT, url).waitingCount() == 0) {
                Thread.onSpinWait();
            }
            advance(1);
            assertThat(waiting.get(10, TimeUnit.SECONDS)).isEmpty();
        }

        QueueMetrics metrics = metrics("orders");
        assertThat(metrics.emptyReceives()).isEqualTo(1);
        assertThat(metrics.received()).isZero();
    }

    @Test
    void longPollsWaitingCountsTheReceivesParkedOnEveryQueue() throws Exception {
        String jobs = create("jobs", Map.of());
        assertThat(engine.longPollsWaiting()).isZero();
        try (ExecutorService pollers = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<List<Message>> onOrders = pollers.submit(() -> engine.receiveMessage(
                            CONTEXT, new ReceiveMessageRequest(url, null, null, null, 10, null, 20, null))
                    .messages());
            Future<List<Message>> onJobs = pollers.submit(() -> engine.receiveMessage(
                            CONTEXT, new ReceiveMessageRequest(jobs, null, null, null, 10, null, 5, null))
                    .messages());
            while (engine.longPollsWaiting() < 2) {
                Thread.onSpinWait();
            }

            send(url, "wake");
            assertThat(onOrders.get(10, TimeUnit.SECONDS)).hasSize(1);
            assertThat(engine.longPollsWaiting())
                    .as("the poll on jobs still waits")
                    .isEqualTo(1);

            advance(5);
            assertThat(onJobs.get(10, TimeUnit.SECONDS)).isEmpty();
        }
        assertThat(engine.longPollsWaiting()).isZero();
    }

    @Test
    void deletesCountEverySuccessfulDeleteARepeatedOneIncluded() {
        for (int i = 0; i < 4; i++) {
            send(url, "m" + i);
        }
        List<Message> received = receive(url, 4);
        metrics("orders");

        delete(url, received.get(0).receiptHandle());
        // AWS counts a delete with a receipt handle that was already used: it succeeds.
        delete(url, received.get(0).receiptHandle());
        assertThatThrownBy(() -> delete(url, "nonsense")).isInstanceOf(AwsException.class);
        var batch = engine.deleteMessageBatch(
                CONTEXT,
                new DeleteMessageBatchRequest(
                        url,
                        List.of(
                                new DeleteMessageBatchRequestEntry(
                                        "a", received.get(1).receiptHandle()),
                                new DeleteMessageBatchRequestEntry(
                                        "b", received.get(2).receiptHandle()),
                                new DeleteMessageBatchRequestEntry("c", "nonsense"))));
        assertThat(batch.failed()).hasSize(1);

        QueueMetrics metrics = metrics("orders");
        assertThat(metrics.deleted()).isEqualTo(4);
        assertThat(metrics.notVisible()).isEqualTo(1);
    }

    @Test
    void aFifoDeleteWithAnExpiredHandleIsNotCounted() {
        String fifo = createFifo("jobs.fifo");
        sendFifo(fifo, "a", "d1");
        String first = receive(fifo, 1).getFirst().receiptHandle();
        advance(30);
        receive(fifo, 1);
        metrics("jobs.fifo");

        assertThatThrownBy(() -> delete(fifo, first)).isInstanceOf(AwsException.class);

        assertThat(metrics("jobs.fifo").deleted()).isZero();
    }

    @Test
    void aFifoDuplicateCountsAsDeduplicatedAndNotAsSent() {
        String fifo = createFifo("jobs.fifo");
        sendFifo(fifo, "a", "d1");
        sendFifo(fifo, "a again", "d1");
        engine.sendMessageBatch(
                CONTEXT,
                new SendMessageBatchRequest(
                        fifo,
                        List.of(
                                new SendMessageBatchRequestEntry("x", "bb", null, null, null, "d2", "g"),
                                new SendMessageBatchRequestEntry("y", "bbbb", null, null, null, "d2", "g"),
                                new SendMessageBatchRequestEntry("z", "ccc", null, null, null, "d1", "g"))));

        QueueMetrics metrics = metrics("jobs.fifo");

        assertThat(metrics.fifo()).isTrue();
        assertThat(metrics.sent()).isEqualTo(2);
        assertThat(metrics.deduplicatedSent()).isEqualTo(3);
        assertThat(metrics.sentMessageSize()).isEqualTo(new StatisticSet(2, 3, 1, 2));
        assertThat(metrics.visible()).isEqualTo(2);
    }

    @Test
    void countersResetBetweenSnapshotsWhileGaugesStay() {
        send(url, "a");
        send(url, "b");
        receive(url, 1);
        receive(create("other", Map.of()), 1);

        QueueMetrics first = metrics("orders");
        QueueMetrics second = metrics("orders");

        assertThat(first.sent()).isEqualTo(2);
        assertThat(first.received()).isEqualTo(1);
        assertThat(second)
                .isEqualTo(new QueueMetrics(ACCOUNT, "orders", false, 1, 1, 0, 0, 0, 0, 0, 0, StatisticSet.EMPTY, 0));
        assertThat(metrics("other").emptyReceives()).isZero();
    }

    @Test
    void gaugesAreTheFiguresThatGetQueueAttributesAnswersAtTheSameMoment() {
        for (int i = 0; i < 5; i++) {
            send(url, "m" + i);
        }
        engine.sendMessage(CONTEXT, new SendMessageRequest(url, "later", 20, null, null, null, null));
        engine.receiveMessage(CONTEXT, new ReceiveMessageRequest(url, null, null, null, 2, 10, 0, null));
        receive(url, 1);

        assertGaugesMatchAttributes();
        advance(10);
        assertGaugesMatchAttributes();
        advance(10);
        assertGaugesMatchAttributes();
        assertThat(metrics("orders").visible()).isEqualTo(5);
    }

    private void assertGaugesMatchAttributes() {
        Map<String, String> attributes = QueueCounts.of(engine, CONTEXT, url);
        QueueMetrics metrics = metrics("orders");
        assertThat(QueueCounts.expected((int) metrics.visible(), (int) metrics.notVisible(), (int) metrics.delayed()))
                .isEqualTo(attributes);
    }

    @Test
    void aDeletedQueueLeavesTheNextSnapshotWithWhatItCountedSinceTheLast() {
        send(url, "a");
        create("other", Map.of());
        engine.deleteQueue(CONTEXT, new DeleteQueueRequest(url));

        assertThat(engine.metricsSnapshot()).extracting(QueueMetrics::queueName).containsExactly("other");
    }

    @Test
    void snapshotsAreOrderedByAccountAndName() {
        create("a-first", Map.of());
        engine.createQueue(
                new SqsContext("999999999999", "http://localhost:4566"), new CreateQueueRequest("0", null, null));
        create("zeta", Map.of());

        assertThat(engine.metricsSnapshot())
                .extracting(m -> m.accountId() + "/" + m.queueName())
                .containsExactly(ACCOUNT + "/a-first", ACCOUNT + "/orders", ACCOUNT + "/zeta", "999999999999/0");
    }

    @Test
    void ageOfOldestMessageFollowsTheClockAndCountsDelayedAndInFlightMessages() {
        assertThat(metrics("orders").ageOfOldestMessageSeconds()).isZero();
        engine.sendMessage(CONTEXT, new SendMessageRequest(url, "delayed", 60, null, null, null, null));
        advance(10);
        send(url, "b");
        advance(5);

        assertThat(metrics("orders").ageOfOldestMessageSeconds()).isEqualTo(15);

        clock.advance(Duration.ofMillis(999));
        assertThat(metrics("orders").ageOfOldestMessageSeconds()).isEqualTo(15);

        advance(50);
        Message oldest = receive(url, 1).getFirst();
        assertThat(oldest.body()).isEqualTo("b");
        assertThat(metrics("orders").ageOfOldestMessageSeconds()).isEqualTo(65);
        delete(url, receive(url, 1).getFirst().receiptHandle());
        assertThat(metrics("orders").ageOfOldestMessageSeconds()).isEqualTo(55);
        delete(url, oldest.receiptHandle());
        assertThat(metrics("orders").ageOfOldestMessageSeconds()).isZero();
    }

    @Test
    void ageOfOldestMessageLeavesOutAStandardQueuesMessageReceivedThreeTimes() {
        send(url, "poison");
        for (int i = 0; i < 3; i++) {
            engine.receiveMessage(CONTEXT, new ReceiveMessageRequest(url, null, null, null, 1, 0, 0, null));
        }
        advance(10);
        send(url, "next");
        advance(5);

        assertThat(metrics("orders").ageOfOldestMessageSeconds()).isEqualTo(5);
        assertThat(metrics("orders").visible()).isEqualTo(2);
    }

    @Test
    void ageOfOldestMessageOfAFifoQueueCountsItsOldestMessageHoweverOftenReceived() {
        String fifo = createFifo("jobs.fifo");
        sendFifo(fifo, "first", "d1");
        advance(10);
        sendFifo(fifo, "second", "d2");
        for (int i = 0; i < 3; i++) {
            receive(fifo, 1);
            advance(30);
        }

        assertThat(metrics("jobs.fifo").ageOfOldestMessageSeconds()).isEqualTo(100);
    }

    @Test
    void aRedriveCountsNeitherAsSentToTheDeadLetterQueueNorAsReceivedFromTheSource() {
        String dlq = create("dlq", Map.of());
        String source = create("source", Map.of("RedrivePolicy", redrive("dlq", 1)));
        send(source, "m");
        receive(source, 1);
        advance(30);
        metrics("source");

        assertThat(receive(source, 10)).isEmpty();

        List<QueueMetrics> snapshot = engine.metricsSnapshot();
        QueueMetrics dead = snapshot.stream()
                .filter(m -> m.queueName().equals("dlq"))
                .findFirst()
                .orElseThrow();
        QueueMetrics from = snapshot.stream()
                .filter(m -> m.queueName().equals("source"))
                .findFirst()
                .orElseThrow();
        assertThat(dead.sent()).isZero();
        assertThat(dead.visible()).isEqualTo(1);
        assertThat(from.received()).isZero();
        assertThat(from.emptyReceives()).isEqualTo(1);
        assertThat(from.deleted()).isZero();
        assertThat(receive(dlq, 1)).hasSize(1);
    }

    @Test
    void aDeadLetterQueuesAgeOfOldestMessageCountsFromTheMoveAcrossARestart() {
        String dlq = create("dlq", Map.of());
        String source = create("source", Map.of("RedrivePolicy", redrive("dlq", 3)));
        send(source, "m");
        long sentAt = clock.millis();
        for (int i = 0; i < 3; i++) {
            receive(source, 1);
            advance(30);
        }
        assertThat(receive(source, 1)).isEmpty();
        advance(20);

        // The message was received three times in its source, but not yet in the dead-letter queue.
        assertThat(metrics("dlq").ageOfOldestMessageSeconds()).isEqualTo(20);

        engine = new SqsEngine(storage, clock, "us-east-1", false);
        advance(5);
        assertThat(metrics("dlq").ageOfOldestMessageSeconds()).isEqualTo(25);
        Message dead = receive(dlq, 1).getFirst();
        assertThat(dead.attributes())
                .containsEntry("SentTimestamp", Long.toString(sentAt))
                .containsEntry("ApproximateReceiveCount", "4");
        assertThat(metrics("dlq").ageOfOldestMessageSeconds()).isEqualTo(25);
    }

    @Test
    void aDeadLetterQueuesMessageReceivedThreeTimesThereIsLeftOut() {
        String dlq = create("dlq", Map.of());
        String source = create("source", Map.of("RedrivePolicy", redrive("dlq", 1)));
        send(source, "m");
        receive(source, 1);
        advance(30);
        receive(source, 1);
        for (int i = 0; i < 2; i++) {
            engine.receiveMessage(CONTEXT, new ReceiveMessageRequest(dlq, null, null, null, 1, 0, 0, null));
        }
        advance(10);
        send(dlq, "sent by hand");
        advance(5);
        assertThat(metrics("dlq").ageOfOldestMessageSeconds()).isEqualTo(15);

        engine.receiveMessage(CONTEXT, new ReceiveMessageRequest(dlq, null, null, null, 1, 0, 0, null));

        assertThat(metrics("dlq").ageOfOldestMessageSeconds()).isEqualTo(5);
    }

    @Test
    void aMoveTaskCountsNoSendDeleteOrReceive() {
        create("dlq", Map.of());
        String source = create("source", Map.of("RedrivePolicy", redrive("dlq", 1)));
        send(source, "m");
        receive(source, 1);
        advance(30);
        receive(source, 1);
        metrics("source");

        engine.startMessageMoveTask(CONTEXT, new StartMessageMoveTaskRequest(ARN + "dlq", null, null));
        engine.runMoveTasks();

        List<QueueMetrics> snapshot = engine.metricsSnapshot();
        assertThat(snapshot)
                .filteredOn(m -> m.queueName().equals("source"))
                .singleElement()
                .satisfies(m -> {
                    assertThat(m.visible()).isEqualTo(1);
                    assertThat(m.sent()).isZero();
                });
        assertThat(snapshot)
                .filteredOn(m -> m.queueName().equals("dlq"))
                .singleElement()
                .satisfies(m -> {
                    assertThat(m.visible()).isZero();
                    assertThat(m.deleted()).isZero();
                    assertThat(m.received()).isZero();
                });
    }

    @Test
    void aPurgeCountsNoDeletes() {
        send(url, "a");
        engine.purgeQueue(CONTEXT, new PurgeQueueRequest(url));

        QueueMetrics metrics = metrics("orders");
        assertThat(metrics.deleted()).isZero();
        assertThat(metrics.visible()).isZero();
    }

    @Test
    void everySendIsInExactlyOneOfConcurrentSnapshots() throws Exception {
        int senders = 8;
        int sendsEach = 200;
        List<QueueMetrics> snapshots = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> sends = new ArrayList<>();
            for (int s = 0; s < senders; s++) {
                sends.add(threads.submit(() -> {
                    for (int i = 0; i < sendsEach; i++) {
                        send(url, "m");
                        receive(url, 1);
                    }
                }));
            }
            while (sends.stream().anyMatch(f -> !f.isDone())) {
                snapshots.addAll(engine.metricsSnapshot());
            }
            for (Future<?> send : sends) {
                send.get();
            }
        }
        snapshots.addAll(engine.metricsSnapshot());

        long total = senders * sendsEach;
        assertThat(snapshots.stream().mapToLong(QueueMetrics::sent).sum()).isEqualTo(total);
        assertThat(snapshots.stream()
                        .mapToLong(m -> m.sentMessageSize().sampleCount())
                        .sum())
                .isEqualTo(total);
        assertThat(snapshots.stream()
                        .mapToLong(m -> m.received() + m.emptyReceives())
                        .sum())
                .isEqualTo(total);
        assertThat(snapshots)
                .allSatisfy(m -> assertThat(m.sentMessageSize().sampleCount()).isEqualTo(m.sent()));
    }
}
