package dev.wharf.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The behaviour that every {@link QueueStore} backend passes: subclass it, open the backend in {@link #open()}, and say
 * in {@link #survivesReopen()} whether committed data outlives a close.
 *
 * <p>Queue ids and sequences are non-negative in every test: the engine allocates them from zero upwards, and the
 * backends order them as unsigned or signed numbers alike within that range.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class QueueStoreContractTest {

    /** The bound of every wait in this suite, so a broken backend fails instead of hanging. */
    private static final long WAIT_SECONDS = 30;

    private StorageEngine engine;
    private QueueStore store;

    /**
     * Opens the backend over this test's data. For a durable backend, a second call after the first engine is closed
     * opens the same data again.
     */
    protected abstract StorageEngine open();

    /** Whether committed data survives {@link #reopen()}; the persistence tests are skipped when it does not. */
    protected abstract boolean survivesReopen();

    /** Closes the current engine and opens the same data again; the tests then use the new engine. */
    protected StorageEngine reopen() {
        engine.close();
        engine = open();
        store = engine.queues();
        return engine;
    }

    /** The engine that the current test uses. */
    protected final StorageEngine engine() {
        return engine;
    }

    @BeforeEach
    final void openEngine() {
        engine = open();
        store = engine.queues();
    }

    @AfterEach
    final void closeEngine() {
        engine.close();
    }

    @Test
    void newStoreIsEmpty() {
        assertThat(queues()).isEmpty();
        assertThat(index(1)).isEmpty();
        assertThat(store.readPayload(1, 1)).isNull();
    }

    @Test
    void committedBatchIsVisibleToScans() {
        store.commit(new QueueBatch()
                .putQueue(7, bytes("queue-7"))
                .putPayload(7, 1, bytes("payload-1"))
                .putIndex(7, 1, bytes("index-1"))
                .putPayload(7, 2, bytes("payload-2"))
                .putIndex(7, 2, bytes("index-2")));

        assertThat(queues()).containsExactly(entry(7L, "queue-7"));
        assertThat(index(7)).containsExactly(entry(1L, "index-1"), entry(2L, "index-2"));
        assertThat(payload(7, 1)).isEqualTo("payload-1");
        assertThat(payload(7, 2)).isEqualTo("payload-2");
    }

    @Test
    void putQueueReplacesTheQueueMetadata() {
        store.commit(new QueueBatch().putQueue(3, bytes("first")));
        store.commit(new QueueBatch().putQueue(3, bytes("second")));

        assertThat(queues()).containsExactly(entry(3L, "second"));
    }

    @Test
    void putIndexReplacesTheIndexRecordAndKeepsThePayload() {
        store.commit(new QueueBatch().putPayload(1, 5, bytes("body")).putIndex(1, 5, bytes("visible")));
        store.commit(new QueueBatch().putIndex(1, 5, bytes("in-flight")));

        assertThat(index(1)).containsExactly(entry(5L, "in-flight"));
        assertThat(payload(1, 5)).isEqualTo("body");
    }

    @Test
    void submittedBatchesApplyInSubmissionOrderWhoeverWaitsFirst() {
        store.commit(new QueueBatch().putPayload(1, 1, bytes("body")).putIndex(1, 1, bytes("visible")));

        PendingCommit received = store.submit(new QueueBatch().putIndex(1, 1, bytes("in-flight")));
        PendingCommit deleted = store.submit(new QueueBatch().deleteMessage(1, 1));
        PendingCommit sent =
                store.submit(new QueueBatch().putPayload(1, 2, bytes("next")).putIndex(1, 2, bytes("v")));
        sent.await();
        deleted.await();
        received.await();

        assertThat(index(1)).containsExactly(entry(2L, "v"));
        assertThat(store.readPayload(1, 1)).isNull();
        assertThat(payload(1, 2)).isEqualTo("next");
    }

    @Test
    void submitOfAnEmptyBatchIsDoneAtOnce() {
        store.submit(new QueueBatch()).await();

        assertThat(queues()).isEmpty();
    }

    @Test
    void loadQueuesVisitsInAscendingQueueId() {
        List<Long> ids = new ArrayList<>(
                List.of(0L, 1L, 2L, 255L, 256L, 65_536L, 1L << 32, 1L << 56, Long.MAX_VALUE - 1, Long.MAX_VALUE));
        Collections.shuffle(ids, new Random(42));
        QueueBatch batch = new QueueBatch();
        ids.forEach(id -> batch.putQueue(id, bytes("q" + id)));
        store.commit(batch);

        assertThat(queues().keySet())
                .containsExactly(
                        0L, 1L, 2L, 255L, 256L, 65_536L, 1L << 32, 1L << 56, Long.MAX_VALUE - 1, Long.MAX_VALUE);
        assertThat(queues()).containsEntry(Long.MAX_VALUE, "q" + Long.MAX_VALUE).containsEntry(0L, "q0");
    }

    @Test
    void scanIndexVisitsInAscendingSequence() {
        List<Long> sequences = new ArrayList<>(List.of(
                0L,
                1L,
                127L,
                128L,
                255L,
                256L,
                65_535L,
                1L << 31,
                1L << 32,
                1L << 56,
                Long.MAX_VALUE - 1,
                Long.MAX_VALUE));
        Collections.shuffle(sequences, new Random(7));
        for (long sequence : sequences) {
            // One batch per record, so the order of commits is not the order of keys.
            store.commit(new QueueBatch().putIndex(9, sequence, bytes("i" + sequence)));
        }

        assertThat(index(9).keySet())
                .containsExactly(
                        0L,
                        1L,
                        127L,
                        128L,
                        255L,
                        256L,
                        65_535L,
                        1L << 31,
                        1L << 32,
                        1L << 56,
                        Long.MAX_VALUE - 1,
                        Long.MAX_VALUE);
        assertThat(index(9)).containsEntry(Long.MAX_VALUE, "i" + Long.MAX_VALUE);
    }

    @Test
    void scanIndexVisitsOnlyThatQueue() {
        long[] queueIds = {0, 1, 2, 256, Long.MAX_VALUE - 1, Long.MAX_VALUE};
        QueueBatch batch = new QueueBatch();
        for (long queueId : queueIds) {
            batch.putQueue(queueId, bytes("q" + queueId))
                    .putIndex(queueId, 0, bytes(queueId + "/first"))
                    .putIndex(queueId, Long.MAX_VALUE, bytes(queueId + "/last"))
                    .putPayload(queueId, 0, bytes(queueId + "/body"));
        }
        store.commit(batch);

        for (long queueId : queueIds) {
            assertThat(index(queueId))
                    .as("queue %d", queueId)
                    .containsExactly(entry(0L, queueId + "/first"), entry(Long.MAX_VALUE, queueId + "/last"));
            assertThat(payload(queueId, 0)).isEqualTo(queueId + "/body");
        }
        assertThat(index(3)).isEmpty();
        assertThat(index(Long.MAX_VALUE - 2)).isEmpty();
    }

    @Test
    void payloadsAndIndexRecordsAreSeparate() {
        store.commit(new QueueBatch().putPayload(4, 1, bytes("only a payload")));
        store.commit(new QueueBatch().putIndex(4, 2, bytes("only an index")));

        assertThat(index(4)).containsExactly(entry(2L, "only an index"));
        assertThat(payload(4, 1)).isEqualTo("only a payload");
        assertThat(store.readPayload(4, 2)).isNull();
    }

    @Test
    void readPayloadOfMissingMessageIsNull() {
        store.commit(new QueueBatch().putQueue(1, bytes("q")).putPayload(1, 10, bytes("body")));

        assertThat(store.readPayload(1, 9)).isNull();
        assertThat(store.readPayload(1, 11)).isNull();
        assertThat(store.readPayload(2, 10)).isNull();
        assertThat(store.readPayload(0, 10)).isNull();
        assertThat(store.readPayload(Long.MAX_VALUE, Long.MAX_VALUE)).isNull();
    }

    @Test
    void emptyValuesAreStoredAndReadBackAsEmpty() {
        store.commit(new QueueBatch()
                .putQueue(1, new byte[0])
                .putPayload(1, 1, new byte[0])
                .putIndex(1, 1, new byte[0]));

        assertThat(queues()).containsExactly(entry(1L, ""));
        assertThat(index(1)).containsExactly(entry(1L, ""));
        assertThat(store.readPayload(1, 1)).isNotNull().isEmpty();
    }

    @Test
    void largePayloadRoundTrips() {
        byte[] body = new byte[1024 * 1024];
        new Random(1).nextBytes(body);
        store.commit(new QueueBatch().putPayload(1, 1, body).putIndex(1, 1, bytes("i")));

        assertThat(store.readPayload(1, 1)).isEqualTo(body);
    }

    @Test
    void changingAReadValueDoesNotChangeTheStore() {
        store.commit(new QueueBatch()
                .putQueue(1, bytes("q"))
                .putPayload(1, 1, bytes("p"))
                .putIndex(1, 1, bytes("i")));

        byte[] read = store.readPayload(1, 1);
        if (read != null) {
            read[0] = 'x';
        }
        store.loadQueues((id, value) -> value[0] = 'x');
        store.scanIndex(1, (id, value) -> value[0] = 'x');

        assertThat(payload(1, 1)).isEqualTo("p");
        assertThat(queues()).containsExactly(entry(1L, "q"));
        assertThat(index(1)).containsExactly(entry(1L, "i"));
    }

    @Test
    void deleteMessageRemovesItsPayloadAndIndexOnly() {
        store.commit(new QueueBatch()
                .putPayload(1, 1, bytes("p1"))
                .putIndex(1, 1, bytes("i1"))
                .putPayload(1, 2, bytes("p2"))
                .putIndex(1, 2, bytes("i2"))
                .putPayload(2, 1, bytes("other")));
        store.commit(new QueueBatch().deleteMessage(1, 1));

        assertThat(store.readPayload(1, 1)).isNull();
        assertThat(index(1)).containsExactly(entry(2L, "i2"));
        assertThat(payload(1, 2)).isEqualTo("p2");
        assertThat(payload(2, 1)).isEqualTo("other");
    }

    @Test
    void deleteOfAMissingMessageOrQueueIsANoOp() {
        store.commit(new QueueBatch().putQueue(1, bytes("q")).putIndex(1, 1, bytes("i")));
        store.commit(new QueueBatch()
                .deleteMessage(1, 2)
                .deleteMessage(5, 1)
                .deleteQueue(6)
                .deleteAllMessages(7));

        assertThat(queues()).containsExactly(entry(1L, "q"));
        assertThat(index(1)).containsExactly(entry(1L, "i"));
    }

    @Test
    void deleteQueueRemovesEveryMessageOfThatQueueOnly() {
        fillQueues(0, 1, 2, Long.MAX_VALUE - 1, Long.MAX_VALUE);

        store.commit(new QueueBatch().deleteQueue(1));

        assertThat(queues().keySet()).containsExactly(0L, 2L, Long.MAX_VALUE - 1, Long.MAX_VALUE);
        assertThat(index(1)).isEmpty();
        assertThat(store.readPayload(1, 0)).isNull();
        assertThat(store.readPayload(1, Long.MAX_VALUE)).isNull();
        assertFilled(0, 2, Long.MAX_VALUE - 1, Long.MAX_VALUE);
    }

    @Test
    void deleteQueueWithTheHighestIdKeepsTheOthers() {
        fillQueues(0, Long.MAX_VALUE - 1, Long.MAX_VALUE);

        store.commit(new QueueBatch().deleteQueue(Long.MAX_VALUE));

        assertThat(queues().keySet()).containsExactly(0L, Long.MAX_VALUE - 1);
        assertThat(index(Long.MAX_VALUE)).isEmpty();
        assertThat(store.readPayload(Long.MAX_VALUE, 0)).isNull();
        assertFilled(0, Long.MAX_VALUE - 1);
    }

    @Test
    void deleteAllMessagesKeepsTheQueue() {
        fillQueues(0, 1, 2);

        store.commit(new QueueBatch().deleteAllMessages(1));

        assertThat(queues()).containsExactly(entry(0L, "q0"), entry(1L, "q1"), entry(2L, "q2"));
        assertThat(index(1)).isEmpty();
        assertThat(store.readPayload(1, 0)).isNull();
        assertThat(store.readPayload(1, Long.MAX_VALUE)).isNull();
        assertFilled(0, 2);
    }

    @Test
    void messagesCanBeAddedAgainAfterDeleteAllMessages() {
        fillQueues(1);
        store.commit(new QueueBatch().deleteAllMessages(1));

        store.commit(new QueueBatch().putPayload(1, 3, bytes("again")).putIndex(1, 3, bytes("i-again")));

        assertThat(index(1)).containsExactly(entry(3L, "i-again"));
        assertThat(payload(1, 3)).isEqualTo("again");
    }

    @Test
    void emptyBatchIsANoOp() {
        fillQueues(1);

        store.commit(new QueueBatch());

        assertFilled(1);
        assertThat(queues()).containsExactly(entry(1L, "q1"));
    }

    @Test
    void laterPutReplacesEarlierInOneBatch() {
        store.commit(new QueueBatch()
                .putQueue(1, bytes("q-old"))
                .putPayload(1, 1, bytes("p-old"))
                .putIndex(1, 1, bytes("i-old"))
                .putQueue(1, bytes("q-new"))
                .putPayload(1, 1, bytes("p-new"))
                .putIndex(1, 1, bytes("i-new")));

        assertThat(queues()).containsExactly(entry(1L, "q-new"));
        assertThat(index(1)).containsExactly(entry(1L, "i-new"));
        assertThat(payload(1, 1)).isEqualTo("p-new");
    }

    @Test
    void opsOfOneBatchApplyInOrder() {
        fillQueues(1, 2, 3);

        store.commit(new QueueBatch()
                // A delete after a put removes it...
                .putPayload(1, 5, bytes("gone"))
                .putIndex(1, 5, bytes("gone"))
                .deleteMessage(1, 5)
                // ...and a put after a delete or a range delete stays.
                .deleteAllMessages(2)
                .putPayload(2, 7, bytes("p-kept"))
                .putIndex(2, 7, bytes("i-kept"))
                .deleteQueue(3)
                .putQueue(3, bytes("q3-recreated"))
                .putIndex(3, 0, bytes("i3-recreated")));

        assertThat(store.readPayload(1, 5)).isNull();
        assertThat(index(1)).doesNotContainKey(5L);
        assertThat(index(2)).containsExactly(entry(7L, "i-kept"));
        assertThat(payload(2, 7)).isEqualTo("p-kept");
        assertThat(store.readPayload(2, 0)).isNull();
        assertThat(queues()).containsEntry(3L, "q3-recreated");
        assertThat(index(3)).containsExactly(entry(0L, "i3-recreated"));
        assertThat(store.readPayload(3, 0)).isNull();
    }

    @Test
    void concurrentCommitsAreAllApplied() throws Exception {
        int threads = 8;
        int commitsPerThread = 200;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                long queueId = t;
                results.add(pool.submit(() -> {
                    await(start);
                    for (long i = 0; i < commitsPerThread; i++) {
                        // Each thread also writes into one shared queue, to make the writers meet on one key range.
                        long shared = queueId * commitsPerThread + i;
                        store.commit(new QueueBatch()
                                .putPayload(queueId, i, bytes(queueId + ":" + i))
                                .putIndex(queueId, i, bytes("i" + i))
                                .putIndex(100, shared, bytes("s" + shared)));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> result : results) {
                result.get(WAIT_SECONDS, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        for (long queueId = 0; queueId < threads; queueId++) {
            Map<Long, String> index = index(queueId);
            assertThat(index).hasSize(commitsPerThread);
            for (long i = 0; i < commitsPerThread; i++) {
                assertThat(index).containsEntry(i, "i" + i);
                assertThat(payload(queueId, i)).isEqualTo(queueId + ":" + i);
            }
        }
        assertThat(index(100)).hasSize(threads * commitsPerThread);
    }

    @Test
    void commitsFromManyVirtualThreadsAreAllApplied() throws Exception {
        int threads = 500;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                long sequence = t;
                results.add(pool.submit(() -> {
                    store.commit(new QueueBatch().putPayload(1, sequence, bytes("p" + sequence)));
                    store.commit(new QueueBatch().putIndex(1, sequence, bytes("i" + sequence)));
                    return null;
                }));
            }
            for (Future<?> result : results) {
                result.get(WAIT_SECONDS, TimeUnit.SECONDS);
            }
        }

        Map<Long, String> index = index(1);
        assertThat(index).hasSize(threads);
        for (long sequence = 0; sequence < threads; sequence++) {
            assertThat(index).containsEntry(sequence, "i" + sequence);
            assertThat(payload(1, sequence)).isEqualTo("p" + sequence);
        }
    }

    @Test
    void scansNeverSeeHalfABatch() throws Exception {
        int commits = 300;
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger scans = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> writer = pool.submit(() -> {
                try {
                    for (long i = 0; i < commits; i++) {
                        // Every batch adds two index records and deletes none, so a whole batch keeps the count even.
                        store.commit(
                                new QueueBatch().putIndex(1, 2 * i, bytes("a")).putIndex(1, 2 * i + 1, bytes("b")));
                    }
                } finally {
                    writing.set(false);
                }
                return null;
            });
            Future<?> reader = pool.submit(() -> {
                while (writing.get() || scans.get() == 0) {
                    int[] count = {0};
                    store.scanIndex(1, (sequence, value) -> count[0]++);
                    assertThat(count[0] % 2).as("records seen by one scan").isZero();
                    scans.incrementAndGet();
                }
                return null;
            });
            writer.get(WAIT_SECONDS, TimeUnit.SECONDS);
            reader.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }

        assertThat(index(1)).hasSize(2 * commits);
        assertThat(scans.get()).isPositive();
    }

    @Test
    void anObserverHearsEveryCommitOnceWithItsTimes() throws Exception {
        assumeTrue(engine.reportsCommits(), "this backend reports no commits");
        BlockingQueue<long[]> groups = new LinkedBlockingQueue<>();
        engine.observe((writes, bytes, commitNanos, syncNanos) ->
                groups.add(new long[] {writes, bytes, commitNanos, syncNanos}));
        int commits = 5;
        for (int i = 0; i < commits; i++) {
            store.commit(new QueueBatch().putPayload(1, i, bytes("body-" + i)).putIndex(1, i, bytes("index")));
        }

        // A group is reported after its callers are released, so the last report may come after the last commit.
        int heard = 0;
        while (heard < commits) {
            long[] group = groups.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(group).as("a report of the commits still unheard").isNotNull();
            heard += (int) group[0];
            assertThat(group[0]).as("batches in the group").isPositive();
            assertThat(group[1]).as("bytes at least the values'").isGreaterThanOrEqualTo(group[0] * 11);
            assertThat(group[2]).as("the commit's nanoseconds").isPositive().isGreaterThanOrEqualTo(group[3]);
            if (engine.mode() == DurabilityMode.SYNC) {
                assertThat(group[3]).as("the fsync's nanoseconds").isPositive();
            } else {
                assertThat(group[3])
                        .as("no fsync in the " + engine.mode() + " mode")
                        .isZero();
            }
        }
        assertThat(heard).isEqualTo(commits);
    }

    @Test
    void anObserverReplacedByNoneHearsNoMore() throws Exception {
        assumeTrue(engine.reportsCommits(), "this backend reports no commits");
        AtomicInteger heard = new AtomicInteger();
        engine.observe((writes, bytes, commitNanos, syncNanos) -> heard.addAndGet(writes));
        store.commit(new QueueBatch().putQueue(1, bytes("q1")));
        engine.observe(StoreObserver.NONE);
        // The first group read its observer before the replacement, so its report still comes: wait for it. Later
        // groups read the replacement.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (heard.get() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        store.commit(new QueueBatch().putQueue(2, bytes("q2")));
        store.commit(new QueueBatch().putQueue(3, bytes("q3")));

        assertThat(heard.get()).isEqualTo(1);
    }

    @Test
    void everyCallAfterCloseFails() {
        fillQueues(1);
        engine.close();

        assertThatThrownBy(() -> store.commit(new QueueBatch().putQueue(2, bytes("q"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> store.loadQueues((id, value) -> {}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> store.scanIndex(1, (id, value) -> {}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> store.readPayload(1, 0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        // An empty batch changes nothing, so it needs no open store; a second close is a no-op.
        store.commit(new QueueBatch());
        engine.close();
    }

    @Test
    void committedDataSurvivesReopen() {
        assumeTrue(survivesReopen(), "this backend keeps nothing after a close");
        fillQueues(0, 1, Long.MAX_VALUE);
        store.commit(new QueueBatch().putQueue(1, bytes("q1-updated")).putIndex(1, 0, bytes("1/first-updated")));

        reopen();

        assertThat(queues())
                .containsExactly(entry(0L, "q0"), entry(1L, "q1-updated"), entry(Long.MAX_VALUE, "q" + Long.MAX_VALUE));
        assertFilled(0, Long.MAX_VALUE);
        assertThat(index(1)).containsExactly(entry(0L, "1/first-updated"), entry(Long.MAX_VALUE, "1/last"));
        assertThat(payload(1, 0)).isEqualTo("1/body-first");
    }

    @Test
    void deletesSurviveReopen() {
        assumeTrue(survivesReopen(), "this backend keeps nothing after a close");
        fillQueues(0, 1, 2, 3);
        store.commit(new QueueBatch().deleteQueue(1).deleteAllMessages(2).deleteMessage(3, 0));

        reopen();

        assertThat(queues().keySet()).containsExactly(0L, 2L, 3L);
        assertThat(index(1)).isEmpty();
        assertThat(store.readPayload(1, 0)).isNull();
        assertThat(index(2)).isEmpty();
        assertThat(store.readPayload(2, Long.MAX_VALUE)).isNull();
        assertThat(index(3)).containsOnlyKeys(Long.MAX_VALUE);
        assertThat(store.readPayload(3, 0)).isNull();
        assertFilled(0);
    }

    @Test
    void storeAcceptsCommitsAfterReopen() {
        assumeTrue(survivesReopen(), "this backend keeps nothing after a close");
        fillQueues(1);

        reopen();
        store.commit(new QueueBatch().putIndex(1, 5, bytes("after")));
        reopen();

        assertThat(index(1)).containsEntry(5L, "after").containsEntry(0L, "1/first");
    }

    /** Writes each queue's metadata, and two messages at the lowest and highest sequence. */
    private void fillQueues(long... queueIds) {
        QueueBatch batch = new QueueBatch();
        for (long queueId : queueIds) {
            batch.putQueue(queueId, bytes("q" + queueId))
                    .putPayload(queueId, 0, bytes(queueId + "/body-first"))
                    .putIndex(queueId, 0, bytes(queueId + "/first"))
                    .putPayload(queueId, Long.MAX_VALUE, bytes(queueId + "/body-last"))
                    .putIndex(queueId, Long.MAX_VALUE, bytes(queueId + "/last"));
        }
        store.commit(batch);
    }

    /** Asserts that each queue still holds exactly what {@link #fillQueues} wrote. */
    private void assertFilled(long... queueIds) {
        Map<Long, String> queues = queues();
        for (long queueId : queueIds) {
            assertThat(queues).containsEntry(queueId, "q" + queueId);
            assertThat(index(queueId))
                    .as("queue %d", queueId)
                    .containsExactly(entry(0L, queueId + "/first"), entry(Long.MAX_VALUE, queueId + "/last"));
            assertThat(payload(queueId, 0)).isEqualTo(queueId + "/body-first");
            assertThat(payload(queueId, Long.MAX_VALUE)).isEqualTo(queueId + "/body-last");
        }
    }

    private Map<Long, String> queues() {
        Map<Long, String> visited = new LinkedHashMap<>();
        store.loadQueues((id, value) -> visited.put(id, new String(value, UTF_8)));
        return visited;
    }

    private Map<Long, String> index(long queueId) {
        Map<Long, String> visited = new LinkedHashMap<>();
        store.scanIndex(queueId, (sequence, value) -> visited.put(sequence, new String(value, UTF_8)));
        return visited;
    }

    private String payload(long queueId, long sequence) {
        byte[] value = store.readPayload(queueId, sequence);
        if (value == null) {
            throw new AssertionError("no payload stored for message " + queueId + "/" + sequence);
        }
        return new String(value, UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }

    private static void await(CountDownLatch latch) throws InterruptedException {
        assertThat(latch.await(WAIT_SECONDS, TimeUnit.SECONDS))
                .as("start signal")
                .isTrue();
    }
}
