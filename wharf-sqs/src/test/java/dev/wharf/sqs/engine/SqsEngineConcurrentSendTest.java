package dev.wharf.sqs.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.common.AwsException;
import dev.wharf.sqs.api.CreateQueueRequest;
import dev.wharf.sqs.api.DeleteMessageRequest;
import dev.wharf.sqs.api.DeleteQueueRequest;
import dev.wharf.sqs.api.Message;
import dev.wharf.sqs.api.PurgeQueueRequest;
import dev.wharf.sqs.api.ReceiveMessageRequest;
import dev.wharf.sqs.api.SendMessageBatchRequest;
import dev.wharf.sqs.api.SendMessageBatchRequestEntry;
import dev.wharf.sqs.api.SendMessageRequest;
import dev.wharf.sqs.api.SetQueueAttributesRequest;
import dev.wharf.sqs.api.SqsContext;
import dev.wharf.sqs.api.SqsError;
import dev.wharf.storage.MemoryStorageEngine;
import dev.wharf.storage.PendingCommit;
import dev.wharf.storage.QueueBatch;
import dev.wharf.storage.QueueStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sends to a standard queue commit without the queue's lock; purge, deletion and receives stay consistent. */
class SqsEngineConcurrentSendTest {

    private static final SqsContext CONTEXT = new SqsContext("000000000000", "http://localhost:4566");
    private static final long TIMEOUT_SECONDS = 10;

    private final MemoryStorageEngine storage = new MemoryStorageEngine();
    private final GatedStore store = new GatedStore(storage);
    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private SqsEngine engine;
    private String url;
    private Queue queue;

    /** A store whose commits of message payloads wait at a gate while it is armed, or fail while it is failing. */
    private static final class GatedStore implements QueueStore {
        private final QueueStore delegate;
        private final CountDownLatch gate = new CountDownLatch(1);
        /** Released once per commit that reached the gate. */
        final Semaphore entered = new Semaphore(0);

        volatile boolean armed;
        volatile boolean failing;

        GatedStore(QueueStore delegate) {
            this.delegate = delegate;
        }

        void open() {
            armed = false;
            gate.countDown();
        }

        @Override
        public PendingCommit submit(QueueBatch batch) {
            boolean messages = batch.ops().stream().anyMatch(op -> op instanceof QueueBatch.PutPayload);
            if (messages && failing) {
                throw new IllegalStateException("the disk is full");
            }
            if (messages && armed) {
                entered.release();
                try {
                    if (!gate.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("the gate never opened");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            return delegate.submit(batch);
        }

        @Override
        public void loadQueues(RecordVisitor visitor) {
            delegate.loadQueues(visitor);
        }

        @Override
        public void scanIndex(long queueId, RecordVisitor visitor) {
            delegate.scanIndex(queueId, visitor);
        }

        @Override
        public byte @Nullable [] readPayload(long queueId, long sequence) {
            return delegate.readPayload(queueId, sequence);
        }
    }

    @BeforeEach
    void createQueue() {
        engine = new SqsEngine(store, clock, "us-east-1", false);
        url = engine.createQueue(CONTEXT, new CreateQueueRequest("orders", Map.of(), null))
                .queueUrl();
        queue = engine.queue(CONTEXT, url);
    }

    @AfterEach
    void stopThreads() {
        store.open();
        threads.shutdownNow();
    }

    private void send(String body) {
        engine.sendMessage(CONTEXT, SendMessageRequest.of(url, body));
    }

    private Future<?> sendLater(String body) {
        return threads.submit(() -> send(body));
    }

    private List<Message> receive(int max) {
        return engine.receiveMessage(CONTEXT, ReceiveMessageRequest.of(url, max))
                .messages();
    }

    private Map<String, String> counts() {
        return QueueCounts.of(engine, CONTEXT, url);
    }

    private static Map<String, String> counts(int visible, int notVisible, int delayed) {
        return QueueCounts.expected(visible, notVisible, delayed);
    }

    private static long sequence(Message message) {
        ReceiptHandle handle = ReceiptHandle.decode(message.receiptHandle());
        return java.util.Objects.requireNonNull(handle).sequence();
    }

    /** The message sequences and the NEXT_SEQUENCE value that the store holds for the queue. */
    private List<Long> storedSequences(long queueId, long[] nextSequence) {
        List<Long> sequences = new ArrayList<>();
        storage.scanIndex(queueId, (sequence, value) -> {
            if (ReservedSequences.isMessage(sequence)) {
                sequences.add(sequence);
            } else if (sequence == ReservedSequences.NEXT_SEQUENCE) {
                nextSequence[0] = ReservedSequences.decodeNextSequence(value);
            }
        });
        return sequences;
    }

    /** Spins (without sleeping) until the count reaches at least {@code expected}. */
    private static void awaitCount(IntSupplier count, int expected) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (count.getAsInt() < expected) {
            assertThat(System.nanoTime()).as("waited for %d", expected).isLessThan(deadline);
            Thread.yield();
        }
    }

    /** How many threads wait on the queue's settled condition: purges, deletions and sends held back by them. */
    private int settledWaiters() {
        queue.lock.lock();
        try {
            return queue.lock.getWaitQueueLength(queue.settled);
        } finally {
            queue.lock.unlock();
        }
    }

    @Test
    void concurrentSendsYieldEveryMessageOnceWithUniqueSequences() throws Exception {
        int threadCount = 8;
        int rounds = 40;
        ExecutorService senders = Executors.newFixedThreadPool(threadCount);
        CountDownLatch start = new CountDownLatch(1);
        Set<String> expected = new HashSet<>();
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (int t = 0; t < threadCount; t++) {
                int thread = t;
                for (int r = 0; r < rounds; r++) {
                    expected.add(thread + "-" + r);
                    if (r % 2 == 1) {
                        for (int e = 0; e < 5; e++) {
                            expected.add(thread + "-" + r + "-" + e);
                        }
                    }
                }
                futures.add(senders.submit(() -> {
                    start.await();
                    for (int r = 0; r < rounds; r++) {
                        send(thread + "-" + r);
                        if (r % 2 == 1) {
                            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
                            for (int e = 0; e < 5; e++) {
                                entries.add(SendMessageBatchRequestEntry.of("e" + e, thread + "-" + r + "-" + e));
                            }
                            assertThat(engine.sendMessageBatch(CONTEXT, new SendMessageBatchRequest(url, entries))
                                            .successful())
                                    .hasSize(5);
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
        } finally {
            senders.shutdownNow();
        }
        int total = expected.size();
        assertThat(counts()).isEqualTo(counts(total, 0, 0));
        assertThat(queue.pendingSends).isEmpty();

        List<String> bodies = new ArrayList<>();
        Set<Long> sequences = new HashSet<>();
        for (List<Message> batch = receive(10); !batch.isEmpty(); batch = receive(10)) {
            for (Message message : batch) {
                bodies.add(message.body());
                assertThat(sequences.add(sequence(message))).isTrue();
            }
        }
        assertThat(bodies).hasSize(total).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(counts()).isEqualTo(counts(0, total, 0));

        long[] next = {0};
        List<Long> stored = storedSequences(queue.queueId(), next);
        assertThat(new HashSet<>(stored)).isEqualTo(sequences);
        assertThat(next[0])
                .isGreaterThan(
                        sequences.stream().mapToLong(Long::longValue).max().orElseThrow());
        assertThat(next[0]).isGreaterThanOrEqualTo(queue.nextSequence);
    }

    @Test
    void sendsToOneQueueCommitAtTheSameTime() throws Exception {
        send("first"); // persists the sequence block, so the sends below only write their messages
        store.armed = true;
        Future<?> one = sendLater("one");
        Future<?> two = sendLater("two");

        assertThat(store.entered.tryAcquire(2, TIMEOUT_SECONDS, TimeUnit.SECONDS))
                .as("both sends are inside commit() at once")
                .isTrue();
        store.open();
        one.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        two.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

        assertThat(receive(10)).extracting(Message::body).containsExactlyInAnyOrder("first", "one", "two");
    }

    @Test
    void purgeWaitsForASendBeingCommittedAndThenRemovesItsMessage() throws Exception {
        store.armed = true;
        Future<?> before = sendLater("before");
        assertThat(store.entered.tryAcquire(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();

        Future<?> purge = threads.submit(() -> engine.purgeQueue(CONTEXT, new PurgeQueueRequest(url)));
        awaitCount(this::settledWaiters, 1);
        // A send that arrives while the purge waits waits for the purge, so it survives it.
        Future<?> after = sendLater("after");
        awaitCount(this::settledWaiters, 2);
        assertThat(purge).isNotDone();
        assertThat(after).isNotDone();

        store.open();
        before.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        purge.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        after.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

        assertThat(counts()).isEqualTo(counts(1, 0, 0));
        List<Message> received = receive(10);
        assertThat(received).extracting(Message::body).containsExactly("after");
        assertThat(storedSequences(queue.queueId(), new long[1])).containsExactly(sequence(received.getFirst()));
        assertThat(queue.closing).isFalse();
    }

    @Test
    void aMessageIsNotReceivableBeforeItsCommitReturns() throws Exception {
        store.armed = true;
        Future<?> slow = sendLater("slow");
        assertThat(store.entered.tryAcquire(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();

        assertThat(receive(10)).isEmpty();
        assertThat(counts()).isEqualTo(counts(0, 0, 0));
        Future<List<Message>> poll = threads.submit(() -> engine.receiveMessage(
                        CONTEXT, new ReceiveMessageRequest(url, null, null, null, 10, null, 20, null))
                .messages());
        awaitCount(queue::waitingCount, 1);
        assertThat(poll).isNotDone();

        store.open();
        slow.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertThat(poll.get(TIMEOUT_SECONDS, TimeUnit.SECONDS))
                .extracting(Message::body)
                .containsExactly("slow");
    }

    @Test
    void deleteQueueWaitsForASendBeingCommittedAndLeavesNoRecords() throws Exception {
        store.armed = true;
        Future<?> pending = sendLater("pending");
        assertThat(store.entered.tryAcquire(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();

        Future<?> delete = threads.submit(() -> engine.deleteQueue(CONTEXT, new DeleteQueueRequest(url)));
        awaitCount(this::settledWaiters, 1);
        Future<?> late = sendLater("late");
        awaitCount(this::settledWaiters, 2);
        assertThat(delete).isNotDone();

        store.open();
        pending.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        delete.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertThatThrownBy(() -> late.get(TIMEOUT_SECONDS, TimeUnit.SECONDS))
                .cause()
                .isInstanceOf(AwsException.class)
                .extracting(e -> ((AwsException) e).code())
                .isEqualTo(SqsError.QueueDoesNotExist);

        List<Long> records = new ArrayList<>();
        storage.scanIndex(queue.queueId(), (sequence, value) -> records.add(sequence));
        assertThat(records).isEmpty();
        assertThat(storage.readPayload(queue.queueId(), 1)).isNull();
        assertThat(queue.deleted).isTrue();
    }

    @Test
    void retentionDoesNotSkipASendBeingCommitted() throws Exception {
        engine.setQueueAttributes(CONTEXT, new SetQueueAttributesRequest(url, Map.of("MessageRetentionPeriod", "60")));
        send("old");
        store.armed = true;
        Future<?> pending = sendLater("pending");
        assertThat(store.entered.tryAcquire(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
        clock.advance(Duration.ofSeconds(61));
        assertThat(counts()).isEqualTo(counts(0, 0, 0));

        store.open();
        pending.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        // Sent before the clock moved, it is past retention too, and the cursor did not pass it.
        assertThat(counts()).isEqualTo(counts(0, 0, 0));
        assertThat(storedSequences(queue.queueId(), new long[1])).isEmpty();
    }

    @Test
    void aFailedCommitSkipsItsSequencesAndLeavesNothingPending() {
        send("kept");
        store.failing = true;
        assertThatThrownBy(() -> send("lost"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the disk is full");
        assertThat(queue.pendingSends).isEmpty();
        store.failing = false;
        send("next");

        List<Message> received = receive(10);
        assertThat(received).extracting(Message::body).containsExactlyInAnyOrder("kept", "next");
        assertThat(received).extracting(SqsEngineConcurrentSendTest::sequence).containsExactlyInAnyOrder(1L, 3L);
        engine.purgeQueue(CONTEXT, new PurgeQueueRequest(url));
        assertThat(counts()).isEqualTo(counts(0, 0, 0));
    }

    @Test
    void aRestartHandsOutSequencesAboveEveryOneHandedOutBefore() {
        for (int i = 0; i < 5; i++) {
            send("m" + i);
        }
        List<Message> received = receive(10);
        assertThat(received).hasSize(5);
        long highest = 0;
        for (Message message : received) {
            highest = Math.max(highest, sequence(message));
            engine.deleteMessage(CONTEXT, new DeleteMessageRequest(url, message.receiptHandle()));
        }
        assertThat(storedSequences(queue.queueId(), new long[1])).isEmpty();

        engine = new SqsEngine(storage, clock, "us-east-1", false);
        queue = engine.queue(CONTEXT, url);
        assertThat(queue.nextSequence).isGreaterThan(highest);
        send("after restart");
        List<Message> again = receive(10);
        assertThat(again).extracting(Message::body).containsExactly("after restart");
        assertThat(sequence(again.getFirst())).isGreaterThan(highest);
    }

    @Test
    void aRestartAfterAPurgeKeepsSequencesGrowing() {
        send("a");
        send("b");
        long before = queue.nextSequence;
        engine.purgeQueue(CONTEXT, new PurgeQueueRequest(url));

        engine = new SqsEngine(storage, clock, "us-east-1", false);
        queue = engine.queue(CONTEXT, url);
        assertThat(queue.nextSequence).isGreaterThanOrEqualTo(before);
        send("c");
        assertThat(sequence(receive(10).getFirst())).isGreaterThanOrEqualTo(before);
    }
}
