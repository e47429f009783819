package dev.wharf.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The behaviour that every {@link DeliveryStore} backend passes: subclass it, open the backend in {@link #open()}, and
 * say in {@link #survivesReopen()} whether committed data outlives a close.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class DeliveryStoreContractTest {

    /** The bound of every wait in this suite, so a broken backend fails instead of hanging. */
    private static final long WAIT_SECONDS = 30;

    /** Sequences in ascending order, around each byte boundary of their big-endian form. */
    private static final List<Long> SEQUENCES = List.of(
            0L, 1L, 127L, 128L, 255L, 256L, 65_535L, 1L << 31, 1L << 32, 1L << 56, Long.MAX_VALUE - 1, Long.MAX_VALUE);

    /** Targets in ascending order, around each byte boundary of their big-endian form. */
    private static final List<Integer> TARGETS =
            List.of(0, 1, 127, 128, 255, 256, 65_535, 1 << 24, Integer.MAX_VALUE - 1, Integer.MAX_VALUE);

    /** One visited delivery record, its value as text. */
    private record Delivery(long sequence, int target, String value) {}

    private StorageEngine engine;
    private DeliveryStore store;

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
        store = engine.deliveries();
        return engine;
    }

    /** The engine that the current test uses. */
    protected final StorageEngine engine() {
        return engine;
    }

    @BeforeEach
    final void openEngine() {
        engine = open();
        store = engine.deliveries();
    }

    @AfterEach
    final void closeEngine() {
        engine.close();
    }

    @Test
    void newStoreIsEmpty() {
        assertThat(deliveries()).isEmpty();
        assertThat(store.readMessage(0)).isNull();
        assertThat(store.lastSequence()).isEqualTo(-1);
    }

    @Test
    void committedMessageAndDeliveriesAreVisible() {
        store.commit(new DeliveryBatch()
                .putMessage(7, bytes("payload-7"))
                .putDelivery(7, 0, bytes("to-queue"))
                .putDelivery(7, 1, bytes("to-lambda")));

        assertThat(payload(7)).isEqualTo("payload-7");
        assertThat(deliveries()).containsExactly(new Delivery(7, 0, "to-queue"), new Delivery(7, 1, "to-lambda"));
        assertThat(store.lastSequence()).isEqualTo(7);
    }

    @Test
    void putDeliveryReplacesTheRecordAndKeepsThePayload() {
        store.commit(new DeliveryBatch().putMessage(3, bytes("body")).putDelivery(3, 0, bytes("attempt 0")));
        store.commit(new DeliveryBatch().putDelivery(3, 0, bytes("attempt 1")));

        assertThat(deliveries()).containsExactly(new Delivery(3, 0, "attempt 1"));
        assertThat(payload(3)).isEqualTo("body");
    }

    @Test
    void deleteDeliveryRemovesThatRecordOnly() {
        store.commit(new DeliveryBatch()
                .putMessage(1, bytes("body"))
                .putDelivery(1, 0, bytes("a"))
                .putDelivery(1, 1, bytes("b"))
                .putDelivery(2, 0, bytes("c")));

        store.commit(new DeliveryBatch().deleteDelivery(1, 0));

        assertThat(deliveries()).containsExactly(new Delivery(1, 1, "b"), new Delivery(2, 0, "c"));
        assertThat(payload(1)).isEqualTo("body");
    }

    @Test
    void deleteMessageRemovesItsPayloadAndEveryDeliveryAndNoOther() {
        for (long sequence : List.of(0L, 4L, 5L, 6L, Long.MAX_VALUE)) {
            fill(sequence, TARGETS);
        }

        store.commit(new DeliveryBatch()
                .deleteMessage(5)
                .deleteMessage(Long.MAX_VALUE)
                .deleteMessage(0));

        assertThat(store.readMessage(5)).isNull();
        assertThat(store.readMessage(Long.MAX_VALUE)).isNull();
        assertThat(store.readMessage(0)).isNull();
        List<Delivery> expected = new ArrayList<>();
        for (long sequence : List.of(4L, 6L)) {
            assertThat(payload(sequence)).isEqualTo("p" + sequence);
            TARGETS.forEach(target -> expected.add(new Delivery(sequence, target, sequence + "/" + target)));
        }
        assertThat(deliveries()).containsExactlyElementsOf(expected);
    }

    @Test
    void deleteMessageRemovesDeliveriesWithoutAPayload() {
        store.commit(new DeliveryBatch().putDelivery(9, 0, bytes("orphan")).putDelivery(9, 3, bytes("orphan")));

        store.commit(new DeliveryBatch().deleteMessage(9));

        assertThat(deliveries()).isEmpty();
    }

    @Test
    void deleteOfAMissingMessageOrDeliveryIsANoOp() {
        fill(1, List.of(0));

        store.commit(new DeliveryBatch().deleteMessage(2).deleteDelivery(1, 1).deleteDelivery(3, 0));

        assertThat(deliveries()).containsExactly(new Delivery(1, 0, "1/0"));
        assertThat(payload(1)).isEqualTo("p1");
    }

    @Test
    void scanDeliveriesVisitsInSequenceThenTargetOrder() {
        List<long[]> keys = new ArrayList<>();
        for (long sequence : SEQUENCES) {
            for (int target : TARGETS) {
                keys.add(new long[] {sequence, target});
            }
        }
        Collections.shuffle(keys, new Random(7));
        for (long[] key : keys) {
            // One batch per record, so that the order of commits is not the order of keys.
            store.commit(new DeliveryBatch().putDelivery(key[0], (int) key[1], bytes(key[0] + "/" + key[1])));
        }

        List<Delivery> expected = new ArrayList<>();
        for (long sequence : SEQUENCES) {
            for (int target : TARGETS) {
                expected.add(new Delivery(sequence, target, sequence + "/" + target));
            }
        }
        assertThat(deliveries()).containsExactlyElementsOf(expected);
    }

    @Test
    void readMessageOfAMissingSequenceIsNull() {
        fill(10, List.of(0));

        assertThat(store.readMessage(9)).isNull();
        assertThat(store.readMessage(11)).isNull();
        assertThat(store.readMessage(Long.MAX_VALUE)).isNull();
        assertThat(store.readMessage(-1)).isNull();
        assertThat(store.readMessage(Long.MIN_VALUE)).isNull();
    }

    @Test
    void lastSequenceIsTheHighestStoredMessage() {
        List<Long> shuffled = new ArrayList<>(SEQUENCES.subList(0, SEQUENCES.size() - 2));
        Collections.shuffle(shuffled, new Random(3));
        for (long sequence : shuffled) {
            store.commit(new DeliveryBatch().putMessage(sequence, bytes("p" + sequence)));
        }
        assertThat(store.lastSequence()).isEqualTo(1L << 56);

        // A delivery record alone is not a message.
        store.commit(new DeliveryBatch().putDelivery(Long.MAX_VALUE, 0, bytes("no payload")));
        assertThat(store.lastSequence()).isEqualTo(1L << 56);

        store.commit(new DeliveryBatch().putMessage(Long.MAX_VALUE, bytes("last")));
        assertThat(store.lastSequence()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void lastSequenceFallsBackWhenTheHighestMessagesAreDeleted() {
        store.commit(new DeliveryBatch()
                .putMessage(0, bytes("a"))
                .putMessage(5, bytes("b"))
                .putMessage(9, bytes("c")));

        store.commit(new DeliveryBatch().deleteMessage(9));
        assertThat(store.lastSequence()).isEqualTo(5);

        // Deleting its deliveries alone keeps a message.
        store.commit(new DeliveryBatch().putDelivery(5, 0, bytes("d")));
        store.commit(new DeliveryBatch().deleteDelivery(5, 0));
        assertThat(store.lastSequence()).isEqualTo(5);

        store.commit(new DeliveryBatch().deleteMessage(5).deleteMessage(0));
        assertThat(store.lastSequence()).isEqualTo(-1);
    }

    @Test
    void opsOfOneBatchApplyInOrder() {
        fill(1, List.of(0, 1));
        fill(2, List.of(0));

        store.commit(new DeliveryBatch()
                // A delete after a put removes it, deliveries put in the same batch included...
                .putMessage(3, bytes("gone"))
                .putDelivery(3, 0, bytes("gone"))
                .putDelivery(3, 7, bytes("gone"))
                .deleteMessage(3)
                .putDelivery(1, 2, bytes("gone"))
                .deleteMessage(1)
                // ...and a put after a delete stays.
                .deleteMessage(2)
                .putMessage(2, bytes("p2 again"))
                .putDelivery(2, 5, bytes("kept"))
                .deleteDelivery(4, 0)
                .putDelivery(4, 0, bytes("kept too")));

        assertThat(store.readMessage(1)).isNull();
        assertThat(store.readMessage(3)).isNull();
        assertThat(payload(2)).isEqualTo("p2 again");
        assertThat(deliveries()).containsExactly(new Delivery(2, 5, "kept"), new Delivery(4, 0, "kept too"));
        assertThat(store.lastSequence()).isEqualTo(2);
    }

    @Test
    void deleteMessageSubmittedBehindItsDeliveriesRemovesThem() {
        // Submitted back to back, so that a backend that groups commits writes them together.
        List<PendingCommit> pending = new ArrayList<>();
        for (long sequence = 0; sequence < 50; sequence++) {
            pending.add(store.submit(new DeliveryBatch()
                    .putMessage(sequence, bytes("p"))
                    .putDelivery(sequence, 0, bytes("d"))
                    .putDelivery(sequence, 1, bytes("d"))));
            pending.add(store.submit(new DeliveryBatch().putDelivery(sequence, 2, bytes("d"))));
            if (sequence % 2 == 0) {
                pending.add(store.submit(new DeliveryBatch().deleteMessage(sequence)));
            }
        }
        pending.forEach(PendingCommit::await);

        List<Delivery> expected = new ArrayList<>();
        for (long sequence = 1; sequence < 50; sequence += 2) {
            for (int target = 0; target < 3; target++) {
                expected.add(new Delivery(sequence, target, "d"));
            }
            assertThat(store.readMessage(sequence - 1)).isNull();
            assertThat(payload(sequence)).isEqualTo("p");
        }
        assertThat(deliveries()).containsExactlyElementsOf(expected);
        assertThat(store.lastSequence()).isEqualTo(49);
    }

    @Test
    void emptyBatchIsANoOpAndDoneAtOnce() {
        fill(1, List.of(0));

        store.submit(new DeliveryBatch()).await();
        store.commit(new DeliveryBatch());

        assertThat(deliveries()).containsExactly(new Delivery(1, 0, "1/0"));
    }

    @Test
    void emptyValuesAreStoredAndReadBackAsEmpty() {
        store.commit(new DeliveryBatch().putMessage(1, new byte[0]).putDelivery(1, 0, new byte[0]));

        assertThat(store.readMessage(1)).isNotNull().isEmpty();
        assertThat(deliveries()).containsExactly(new Delivery(1, 0, ""));
    }

    @Test
    void largePayloadRoundTrips() {
        byte[] payload = new byte[1024 * 1024];
        new Random(1).nextBytes(payload);
        store.commit(new DeliveryBatch().putMessage(1, payload).putDelivery(1, 0, bytes("d")));

        assertThat(store.readMessage(1)).isEqualTo(payload);
    }

    @Test
    void changingAReadValueDoesNotChangeTheStore() {
        fill(1, List.of(0));

        byte[] read = store.readMessage(1);
        if (read != null) {
            read[0] = 'x';
        }
        store.scanDeliveries((sequence, target, value) -> value[0] = 'x');

        assertThat(payload(1)).isEqualTo("p1");
        assertThat(deliveries()).containsExactly(new Delivery(1, 0, "1/0"));
    }

    @Test
    void negativeSequencesAndTargetsAreRejectedByTheBatch() {
        assertThatThrownBy(() -> new DeliveryBatch().putMessage(-1, bytes("p")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sequences must be non-negative: -1");
        assertThatThrownBy(() -> new DeliveryBatch().putDelivery(1, -5, bytes("d")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("targets must be non-negative: 1/-5");
        assertThatThrownBy(() -> new DeliveryBatch().putDelivery(Long.MIN_VALUE, 0, bytes("d")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DeliveryBatch().deleteDelivery(-1, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DeliveryBatch().deleteDelivery(0, Integer.MIN_VALUE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DeliveryBatch().deleteMessage(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DeliveryBatch.PutMessage(-2, bytes("p")))
                .isInstanceOf(IllegalArgumentException.class);

        store.commit(new DeliveryBatch().putMessage(0, bytes("p0")));
        assertThat(store.lastSequence()).isZero();
    }

    @Test
    void submittedBatchesApplyInSubmissionOrderWhoeverWaitsFirst() {
        fill(1, List.of(0));

        PendingCommit attempted = store.submit(new DeliveryBatch().putDelivery(1, 0, bytes("attempt 1")));
        PendingCommit delivered = store.submit(new DeliveryBatch().deleteMessage(1));
        PendingCommit published =
                store.submit(new DeliveryBatch().putMessage(2, bytes("p2")).putDelivery(2, 0, bytes("d")));
        published.await();
        delivered.await();
        attempted.await();

        assertThat(deliveries()).containsExactly(new Delivery(2, 0, "d"));
        assertThat(store.readMessage(1)).isNull();
        assertThat(store.lastSequence()).isEqualTo(2);
    }

    @Test
    void submitsOrderedByTheCallersApplyInThatOrder() throws Exception {
        int threads = 8;
        int submitsPerThread = 100;
        ReentrantLock order = new ReentrantLock();
        int[] next = {0};
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int own = t + 1;
                results.add(pool.submit(() -> {
                    await(start);
                    List<PendingCommit> pending = new ArrayList<>();
                    for (int i = 0; i < submitsPerThread; i++) {
                        // Under the lock, as an engine submits under the lock that orders its changes: the shared
                        // record's last value must be the last one submitted, whichever commit waits first.
                        order.lock();
                        try {
                            int value = next[0]++;
                            pending.add(store.submit(new DeliveryBatch()
                                    .putDelivery(0, 0, bytes(Integer.toString(value)))
                                    .putDelivery(own, 0, bytes(Integer.toString(i)))));
                        } finally {
                            order.unlock();
                        }
                    }
                    Collections.reverse(pending);
                    pending.forEach(PendingCommit::await);
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

        List<Delivery> expected = new ArrayList<>();
        expected.add(new Delivery(0, 0, Integer.toString(threads * submitsPerThread - 1)));
        for (int t = 1; t <= threads; t++) {
            expected.add(new Delivery(t, 0, Integer.toString(submitsPerThread - 1)));
        }
        assertThat(deliveries()).containsExactlyElementsOf(expected);
    }

    @Test
    void commitsFromManyVirtualThreadsAreAllApplied() throws Exception {
        int threads = 500;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                long sequence = t;
                results.add(pool.submit(() -> {
                    store.commit(new DeliveryBatch().putMessage(sequence, bytes("p" + sequence)));
                    store.commit(new DeliveryBatch().putDelivery(sequence, 0, bytes("d" + sequence)));
                    return null;
                }));
            }
            for (Future<?> result : results) {
                result.get(WAIT_SECONDS, TimeUnit.SECONDS);
            }
        }

        List<Delivery> visited = deliveries();
        assertThat(visited).hasSize(threads);
        for (int sequence = 0; sequence < threads; sequence++) {
            assertThat(visited.get(sequence)).isEqualTo(new Delivery(sequence, 0, "d" + sequence));
            assertThat(payload(sequence)).isEqualTo("p" + sequence);
        }
        assertThat(store.lastSequence()).isEqualTo(threads - 1);
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
                        // Each batch publishes one message to three targets and delivers the one before it, so a
                        // whole batch leaves exactly three delivery records of one message and its payload.
                        DeliveryBatch batch = new DeliveryBatch()
                                .putMessage(i, bytes("p"))
                                .putDelivery(i, 0, bytes("d"))
                                .putDelivery(i, 1, bytes("d"))
                                .putDelivery(i, 2, bytes("d"));
                        if (i > 0) {
                            batch.deleteDelivery(i - 1, 0).deleteMessage(i - 1);
                        }
                        store.commit(batch);
                    }
                } finally {
                    writing.set(false);
                }
                return null;
            });
            Future<?> reader = pool.submit(() -> {
                while (writing.get() || scans.get() == 0) {
                    List<Delivery> seen = deliveries();
                    if (!seen.isEmpty()) {
                        assertThat(seen).as("deliveries seen by one scan").hasSize(3);
                        assertThat(seen)
                                .extracting(Delivery::sequence)
                                .containsOnly(seen.get(0).sequence());
                    }
                    scans.incrementAndGet();
                }
                return null;
            });
            writer.get(WAIT_SECONDS, TimeUnit.SECONDS);
            reader.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }

        assertThat(deliveries()).extracting(Delivery::sequence).containsOnly((long) commits - 1);
        assertThat(store.lastSequence()).isEqualTo(commits - 1);
        assertThat(scans.get()).isPositive();
    }

    @Test
    void everyCallAfterCloseFails() {
        fill(1, List.of(0));
        engine.close();

        assertThatThrownBy(() -> store.commit(new DeliveryBatch().putMessage(2, bytes("p"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> store.submit(new DeliveryBatch().deleteMessage(1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> store.scanDeliveries((sequence, target, value) -> {}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> store.readMessage(1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> store.lastSequence())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        // An empty batch changes nothing, so it needs no open store; a second close is a no-op.
        store.commit(new DeliveryBatch());
        engine.close();
    }

    @Test
    void committedDataSurvivesReopen() {
        assumeTrue(survivesReopen(), "this backend keeps nothing after a close");
        fill(0, TARGETS);
        fill(Long.MAX_VALUE, List.of(0, Integer.MAX_VALUE));
        store.commit(new DeliveryBatch().putDelivery(0, 1, bytes("attempt 2")));

        reopen();

        List<Delivery> expected = new ArrayList<>();
        TARGETS.forEach(target -> expected.add(new Delivery(0, target, target == 1 ? "attempt 2" : "0/" + target)));
        expected.add(new Delivery(Long.MAX_VALUE, 0, Long.MAX_VALUE + "/0"));
        expected.add(new Delivery(Long.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE + "/" + Integer.MAX_VALUE));
        assertThat(deliveries()).containsExactlyElementsOf(expected);
        assertThat(payload(0)).isEqualTo("p0");
        assertThat(payload(Long.MAX_VALUE)).isEqualTo("p" + Long.MAX_VALUE);
        assertThat(store.lastSequence()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void lastSequenceSurvivesReopenAndDeletes() {
        assumeTrue(survivesReopen(), "this backend keeps nothing after a close");
        fill(3, List.of(0));
        fill(8, List.of(0));
        fill(12, List.of(0));

        reopen();
        assertThat(store.lastSequence()).isEqualTo(12);

        store.commit(new DeliveryBatch().deleteMessage(12));
        reopen();
        assertThat(store.lastSequence()).isEqualTo(8);

        store.commit(new DeliveryBatch().deleteMessage(8).deleteMessage(3));
        reopen();
        assertThat(store.lastSequence()).isEqualTo(-1);
        assertThat(deliveries()).isEmpty();
    }

    @Test
    void deletesSurviveReopen() {
        assumeTrue(survivesReopen(), "this backend keeps nothing after a close");
        fill(1, List.of(0, 1, 2));
        fill(2, List.of(0, 1));
        fill(3, List.of(0));

        // The deliveries of message 2 are on disk by now: DeleteMessage must find them there.
        reopen();
        store.commit(new DeliveryBatch().deleteMessage(2).deleteDelivery(1, 1));
        reopen();

        assertThat(deliveries())
                .containsExactly(new Delivery(1, 0, "1/0"), new Delivery(1, 2, "1/2"), new Delivery(3, 0, "3/0"));
        assertThat(store.readMessage(2)).isNull();
        assertThat(store.lastSequence()).isEqualTo(3);
    }

    @Test
    void storeAcceptsCommitsAfterReopen() {
        assumeTrue(survivesReopen(), "this backend keeps nothing after a close");
        fill(1, List.of(0));

        reopen();
        store.commit(new DeliveryBatch().putMessage(2, bytes("p2")).putDelivery(2, 0, bytes("d")));
        reopen();

        assertThat(deliveries()).containsExactly(new Delivery(1, 0, "1/0"), new Delivery(2, 0, "d"));
        assertThat(store.lastSequence()).isEqualTo(2);
    }

    /** Writes a message's payload {@code p<sequence>} and a delivery record {@code <sequence>/<target>} per target. */
    private void fill(long sequence, List<Integer> targets) {
        DeliveryBatch batch = new DeliveryBatch().putMessage(sequence, bytes("p" + sequence));
        targets.forEach(target -> batch.putDelivery(sequence, target, bytes(sequence + "/" + target)));
        store.commit(batch);
    }

    private List<Delivery> deliveries() {
        List<Delivery> visited = new ArrayList<>();
        store.scanDeliveries(
                (sequence, target, value) -> visited.add(new Delivery(sequence, target, new String(value, UTF_8))));
        return visited;
    }

    private String payload(long sequence) {
        byte[] value = store.readMessage(sequence);
        if (value == null) {
            throw new AssertionError("no payload stored for message " + sequence);
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
