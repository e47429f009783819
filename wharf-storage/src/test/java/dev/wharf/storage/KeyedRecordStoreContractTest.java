package dev.wharf.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The behaviour of a durable, ordered, string-keyed record store with atomic batches of put, delete and prefix delete,
 * the shape that {@link TopicStore} and {@link BrokerStore} share: keys ordered by their UTF-8 bytes, unsigned, and
 * checked by {@link TopicBatch#checkKey}; batches applied atomically, in order of submission; every call but the submit
 * of an empty batch failing once the engine is closed.
 *
 * <p>Each store's own suite subclasses it once, binding {@link #storeOf} and {@link #batchOf} to that store's interface
 * and batch ({@link TopicStoreContractTest}, {@link BrokerStoreContractTest}); each backend then subclasses that
 * suite, opening the backend in {@link #open()} and saying in {@link #survivesReopen()} whether committed data
 * outlives a close.
 *
 * @param <B> the store's own batch type
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class KeyedRecordStoreContractTest<B> {

    /** One change of a batch, in the words of this suite; {@link #batchOf} turns a list of them into a store's batch. */
    protected sealed interface Op permits Put, Delete, DeletePrefix {}

    /** Creates or replaces the record under a key. */
    protected record Put(String key, byte[] value) implements Op {}

    /** Deletes the record under a key. */
    protected record Delete(String key) implements Op {}

    /** Deletes every record whose key starts with the prefix. */
    protected record DeletePrefix(String prefix) implements Op {}

    /**
     * The store under test, seen through the calls that every store of this shape has: each is the store's own method
     * of the same name.
     *
     * @param <B> the store's own batch type
     */
    protected record RecordStore<B>(
            Function<B, PendingCommit> submitter,
            Consumer<B> committer,
            BiConsumer<String, BiConsumer<String, byte[]>> scanner,
            Function<String, byte @Nullable []> reader) {

        PendingCommit submit(B batch) {
            return submitter.apply(batch);
        }

        void commit(B batch) {
            committer.accept(batch);
        }

        void scan(String prefix, BiConsumer<String, byte[]> visitor) {
            scanner.accept(prefix, visitor);
        }

        byte @Nullable [] read(String key) {
            return reader.apply(key);
        }
    }

    /**
     * Adds a put to a store's own batch.
     *
     * @param <B> the store's own batch type
     */
    @FunctionalInterface
    protected interface PutMethod<B> {
        void put(B batch, String key, byte[] value);
    }

    /** The ops of one batch as the tests build it, in order; not checked until {@link #batchOf} builds the batch. */
    private static final class Ops {
        private final List<Op> ops = new ArrayList<>();

        Ops put(String key, byte[] value) {
            ops.add(new Put(key, value));
            return this;
        }

        Ops delete(String key) {
            ops.add(new Delete(key));
            return this;
        }

        Ops deletePrefix(String prefix) {
            ops.add(new DeletePrefix(prefix));
            return this;
        }
    }

    /** The bound of every wait in this suite, so a broken backend fails instead of hanging. */
    private static final long WAIT_SECONDS = 30;

    /**
     * Keys in ascending order of their UTF-8 bytes: ASCII around '/' (0x2F) and '0' (0x30), keys that are prefixes of
     * one another, each length of UTF-8 sequence at its edges, and U+FFFD before U+1F600, which {@link
     * String#compareTo} orders the other way round.
     */
    private static final List<String> KEYS_IN_BYTE_ORDER = List.of(
            "",
            "\u0000",
            "a",
            "a\u0000",
            "a.",
            "a/",
            "a//",
            "a/b",
            "a/b/c",
            "a0",
            "aa",
            "b",
            "\u007F",
            "\u0080",
            "\u00E9",
            "\u00E9/x",
            "\u00FF",
            "\u0100",
            "\u07FF",
            "\u0800",
            "\uD7FF",
            "\uE000",
            "\uFFFD",
            "\uFFFF",
            "\uD800\uDC00",
            "\uD83D\uDE00",
            "\uD83D\uDE00/topic",
            "\uDBFF\uDFFF");

    private StorageEngine engine;
    private RecordStore<B> store;

    /**
     * Opens the backend over this test's data. For a durable backend, a second call after the first engine is closed
     * opens the same data again.
     */
    protected abstract StorageEngine open();

    /** Whether committed data survives {@link #reopen()}; the persistence tests are skipped when it does not. */
    protected abstract boolean survivesReopen();

    /** The store under test of an engine, which the suite keeps using after that engine is closed. */
    protected abstract RecordStore<B> storeOf(StorageEngine engine);

    /**
     * Builds the store's own batch from the ops, in order, through the batch's own methods, so that each op checks its
     * key as the batch does.
     *
     * @throws IllegalArgumentException if the batch rejects an op's key or prefix
     */
    protected abstract B batchOf(List<Op> ops);

    /**
     * Adds each op to a new batch of the store's own type through the batch's own methods, in order: the body of
     * {@link #batchOf} for a batch whose methods are named after the ops.
     */
    protected static <B> B build(
            List<Op> ops, B batch, PutMethod<B> put, BiConsumer<B, String> delete, BiConsumer<B, String> deletePrefix) {
        for (Op op : ops) {
            switch (op) {
                case Put p -> put.put(batch, p.key(), p.value());
                case Delete d -> delete.accept(batch, d.key());
                case DeletePrefix d -> deletePrefix.accept(batch, d.prefix());
            }
        }
        return batch;
    }

    /** Closes the current engine and opens the same data again; the tests then use the new engine. */
    protected StorageEngine reopen() {
        engine.close();
        engine = open();
        store = storeOf(engine);
        return engine;
    }

    /** The engine that the current test uses. */
    protected final StorageEngine engine() {
        return engine;
    }

    @BeforeEach
    final void openEngine() {
        engine = open();
        store = storeOf(engine);
    }

    @AfterEach
    final void closeEngine() {
        engine.close();
    }

    @Test
    void newStoreIsEmpty() {
        assertThat(scan("")).isEmpty();
        assertThat(store.read("topic/a")).isNull();
        assertThat(store.read("")).isNull();
    }

    @Test
    void committedPutsAreReadable() {
        commit(batch().put("topic/orders", bytes("t1")).put("sub/orders/1", bytes("s1")));

        assertThat(value("topic/orders")).isEqualTo("t1");
        assertThat(value("sub/orders/1")).isEqualTo("s1");
        assertThat(store.read("topic/order")).isNull();
        assertThat(store.read("topic/orders/")).isNull();
    }

    @Test
    void putReplacesTheValue() {
        commit(batch().put("topic/a", bytes("first")));
        commit(batch().put("topic/a", bytes("second")));

        assertThat(scan("")).containsExactly(entry("topic/a", "second"));
    }

    @Test
    void deleteRemovesThatKeyOnly() {
        commit(batch().put("topic/a", bytes("a")).put("topic/a/", bytes("a/")).put("topic/ab", bytes("ab")));

        commit(batch().delete("topic/a"));

        assertThat(store.read("topic/a")).isNull();
        assertThat(scan("")).containsExactly(entry("topic/a/", "a/"), entry("topic/ab", "ab"));
    }

    @Test
    void deleteOfAMissingKeyOrPrefixIsANoOp() {
        commit(batch().put("topic/a", bytes("a")));

        commit(batch().delete("topic/b")
                .delete("topic/")
                .deletePrefix("topic/b")
                .deletePrefix("x"));

        assertThat(scan("")).containsExactly(entry("topic/a", "a"));
    }

    @Test
    void scanVisitsKeysInUnsignedUtf8ByteOrder() {
        List<String> shuffled = new ArrayList<>(KEYS_IN_BYTE_ORDER);
        Collections.shuffle(shuffled, new Random(42));
        for (String key : shuffled) {
            // One batch per record, so that the order of commits is not the order of keys.
            commit(batch().put(key, bytes("v:" + key)));
        }

        Map<String, String> all = scan("");
        assertThat(all.keySet()).containsExactlyElementsOf(KEYS_IN_BYTE_ORDER);
        KEYS_IN_BYTE_ORDER.forEach(key -> assertThat(all).containsEntry(key, "v:" + key));
        // The list is what the contract says: its keys' UTF-8 bytes ascend, unsigned.
        for (int i = 1; i < KEYS_IN_BYTE_ORDER.size(); i++) {
            assertThat(Arrays.compareUnsigned(
                            KEYS_IN_BYTE_ORDER.get(i - 1).getBytes(UTF_8),
                            KEYS_IN_BYTE_ORDER.get(i).getBytes(UTF_8)))
                    .as("byte order of %s", KEYS_IN_BYTE_ORDER.get(i))
                    .isNegative();
        }
    }

    @Test
    void scanOfAPrefixVisitsTheKeysThatStartWithItInOrder() {
        putAll(KEYS_IN_BYTE_ORDER);

        assertThat(scan("a").keySet()).containsExactly("a", "a\u0000", "a.", "a/", "a//", "a/b", "a/b/c", "a0", "aa");
        assertThat(scan("a/").keySet()).containsExactly("a/", "a//", "a/b", "a/b/c");
        assertThat(scan("a/b").keySet()).containsExactly("a/b", "a/b/c");
        assertThat(scan("a/b/c").keySet()).containsExactly("a/b/c");
        assertThat(scan("a/b/c/")).isEmpty();
        assertThat(scan("a1")).isEmpty();
        assertThat(scan("\u0000").keySet()).containsExactly("\u0000");
    }

    @Test
    void scanOfANonAsciiPrefixMatchesWholeCharacters() {
        putAll(KEYS_IN_BYTE_ORDER);

        // U+00E9 is C3 A9, U+00FF is C3 BF: they share their first byte, not a character.
        assertThat(scan("\u00E9").keySet()).containsExactly("\u00E9", "\u00E9/x");
        assertThat(scan("\u00FF").keySet()).containsExactly("\u00FF");
        // U+1F600 is F0 9F 98 80; its prefix U+1F600 + "/" must not reach the other supplementary keys.
        assertThat(scan("\uD83D\uDE00").keySet()).containsExactly("\uD83D\uDE00", "\uD83D\uDE00/topic");
        assertThat(scan("\uDBFF\uDFFF").keySet()).containsExactly("\uDBFF\uDFFF");
        assertThat(scan("\uFFFF").keySet()).containsExactly("\uFFFF");
    }

    @Test
    void scanWithAnEmptyPrefixVisitsEveryRecord() {
        putAll(KEYS_IN_BYTE_ORDER);

        assertThat(scan("").keySet()).containsExactlyElementsOf(KEYS_IN_BYTE_ORDER);
    }

    @Test
    void deletePrefixRemovesEveryKeyThatStartsWithItAndNoOther() {
        putAll(KEYS_IN_BYTE_ORDER);

        commit(batch().deletePrefix("a/"));

        List<String> expected = new ArrayList<>(KEYS_IN_BYTE_ORDER);
        expected.removeAll(List.of("a/", "a//", "a/b", "a/b/c"));
        assertThat(scan("").keySet()).containsExactlyElementsOf(expected);
    }

    @Test
    void deletePrefixOfNonAsciiPrefixesKeepsTheirNeighbours() {
        putAll(KEYS_IN_BYTE_ORDER);

        // U+00FF (C3 BF) is the last two-byte key before U+0100 (C4 80); U+DBFF U+DFFF (F4 8F BF BF) is the last key.
        commit(batch().deletePrefix("\u00FF")
                .deletePrefix("\uD83D\uDE00")
                .deletePrefix("\uDBFF\uDFFF")
                .deletePrefix("\u00E9/"));

        List<String> expected = new ArrayList<>(KEYS_IN_BYTE_ORDER);
        expected.removeAll(List.of("\u00FF", "\uD83D\uDE00", "\uD83D\uDE00/topic", "\uDBFF\uDFFF", "\u00E9/x"));
        assertThat(scan("").keySet()).containsExactlyElementsOf(expected);
    }

    @Test
    void opsOfOneBatchApplyInOrder() {
        commit(batch().put("topic/a", bytes("a")).put("topic/a/sub/1", bytes("1")));

        commit(batch()
                // A delete after a put removes it...
                .put("topic/b", bytes("gone"))
                .delete("topic/b")
                .put("topic/c/sub/1", bytes("gone too"))
                .deletePrefix("topic/c/")
                // ...and a put after a delete or a prefix delete stays.
                .deletePrefix("topic/a")
                .put("topic/a", bytes("a again"))
                .delete("topic/d")
                .put("topic/d", bytes("d")));

        assertThat(scan("")).containsExactly(entry("topic/a", "a again"), entry("topic/d", "d"));
    }

    @Test
    void laterPutReplacesEarlierInOneBatch() {
        commit(batch().put("k", bytes("old")).put("k", bytes("new")));

        assertThat(scan("")).containsExactly(entry("k", "new"));
    }

    @Test
    void emptyBatchIsANoOpAndDoneAtOnce() {
        commit(batch().put("k", bytes("v")));

        submit(batch()).await();
        commit(batch());

        assertThat(scan("")).containsExactly(entry("k", "v"));
    }

    @Test
    void emptyValuesAreStoredAndReadBackAsEmpty() {
        commit(batch().put("empty", new byte[0]).put("", new byte[0]));

        assertThat(store.read("empty")).isNotNull().isEmpty();
        assertThat(store.read("")).isNotNull().isEmpty();
        assertThat(scan("")).containsExactly(entry("", ""), entry("empty", ""));
    }

    @Test
    void largeValueRoundTrips() {
        byte[] value = new byte[1024 * 1024];
        new Random(1).nextBytes(value);
        commit(batch().put("topic/big", value));

        assertThat(store.read("topic/big")).isEqualTo(value);
    }

    @Test
    void changingAReadValueDoesNotChangeTheStore() {
        commit(batch().put("k", bytes("v")));

        byte[] read = store.read("k");
        if (read != null) {
            read[0] = 'x';
        }
        store.scan("", (key, value) -> value[0] = 'x');

        assertThat(scan("")).containsExactly(entry("k", "v"));
    }

    @Test
    void submittedBatchesApplyInSubmissionOrderWhoeverWaitsFirst() {
        commit(batch().put("topic/a", bytes("created")).put("topic/a/sub/1", bytes("s1")));

        PendingCommit changed = submit(batch().put("topic/a", bytes("changed")));
        PendingCommit deleted = submit(batch().deletePrefix("topic/a"));
        PendingCommit recreated = submit(batch().put("topic/a", bytes("recreated")));
        recreated.await();
        deleted.await();
        changed.await();

        assertThat(scan("")).containsExactly(entry("topic/a", "recreated"));
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
                String own = "thread/" + t;
                results.add(pool.submit(() -> {
                    await(start);
                    List<PendingCommit> pending = new ArrayList<>();
                    for (int i = 0; i < submitsPerThread; i++) {
                        // Under the lock, as an engine submits under the lock that orders its changes: the shared
                        // key's last value must be the last one submitted, whichever commit waits first.
                        order.lock();
                        try {
                            int value = next[0]++;
                            pending.add(submit(batch().put("shared", bytes(Integer.toString(value)))
                                    .put(own, bytes("" + i))));
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

        assertThat(value("shared")).isEqualTo(Integer.toString(threads * submitsPerThread - 1));
        for (int t = 0; t < threads; t++) {
            assertThat(value("thread/" + t)).isEqualTo(Integer.toString(submitsPerThread - 1));
        }
    }

    @Test
    void commitsFromManyVirtualThreadsAreAllApplied() throws Exception {
        int threads = 500;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String key = String.format(Locale.ROOT, "topic/%04d", t);
                results.add(pool.submit(() -> {
                    commit(batch().put(key, bytes("t")));
                    commit(batch().put(key + "/sub", bytes("s")));
                    return null;
                }));
            }
            for (Future<?> result : results) {
                result.get(WAIT_SECONDS, TimeUnit.SECONDS);
            }
        }

        List<String> expected = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String key = String.format(Locale.ROOT, "topic/%04d", t);
            expected.add(key);
            expected.add(key + "/sub");
        }
        assertThat(scan("topic/").keySet()).containsExactlyElementsOf(expected);
    }

    @Test
    void scansAndReadsNeverSeeHalfABatch() throws Exception {
        int commits = 300;
        commit(batch().put("moving/0", bytes("0")).put("pair/a", bytes("0")).put("pair/b", bytes("0")));
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger scans = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> writer = pool.submit(() -> {
                try {
                    for (int i = 1; i <= commits; i++) {
                        // Each batch moves one record to a new key and rewrites a pair, deleting before it puts.
                        commit(batch().deletePrefix("moving/")
                                .put("moving/" + i, bytes(Integer.toString(i)))
                                .delete("pair/a")
                                .put("pair/a", bytes(Integer.toString(i)))
                                .put("pair/b", bytes(Integer.toString(i))));
                    }
                } finally {
                    writing.set(false);
                }
                return null;
            });
            Future<?> reader = pool.submit(() -> {
                while (writing.get() || scans.get() == 0) {
                    assertThat(scan("moving/")).as("records under moving/").hasSize(1);
                    Map<String, String> pair = scan("pair/");
                    assertThat(pair).hasSize(2);
                    assertThat(pair.get("pair/a")).isEqualTo(pair.get("pair/b"));
                    assertThat(store.read("pair/a"))
                            .as("a record deleted and put again")
                            .isNotNull();
                    scans.incrementAndGet();
                }
                return null;
            });
            writer.get(WAIT_SECONDS, TimeUnit.SECONDS);
            reader.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }

        assertThat(scan("moving/")).containsExactly(entry("moving/" + commits, Integer.toString(commits)));
        assertThat(scans.get()).isPositive();
    }

    @Test
    void keysWithAnUnpairedSurrogateAreRejected() {
        commit(batch().put("a?", bytes("question mark")));

        for (String malformed : List.of("a\uD800", "a\uDC00", "\uDC00\uD800", "a\uD83Db")) {
            assertThatThrownBy(() -> batchOf(List.of(new Put(malformed, bytes("v")))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("unpaired surrogate");
            assertThatThrownBy(() -> batchOf(List.of(new Delete(malformed))))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> batchOf(List.of(new DeletePrefix(malformed))))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.read(malformed)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.scan(malformed, (key, value) -> {}))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        // A prefix that ends inside a surrogate pair matches no whole character.
        assertThatThrownBy(() -> store.scan("\uD83D", (key, value) -> {})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> batchOf(List.of(new DeletePrefix(""))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a prefix to delete must not be empty");
        assertThat(scan("")).containsExactly(entry("a?", "question mark"));
    }

    @Test
    void everyCallAfterCloseFails() {
        commit(batch().put("k", bytes("v")));
        engine.close();

        assertThatThrownBy(() -> commit(batch().put("k", bytes("w"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> submit(batch().delete("k")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> store.scan("", (key, value) -> {}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> store.read("k"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        // An empty batch changes nothing, so it needs no open store; a second close is a no-op.
        commit(batch());
        engine.close();
    }

    @Test
    void committedDataSurvivesReopen() {
        assumeTrue(survivesReopen(), "this backend keeps nothing after a close");
        putAll(KEYS_IN_BYTE_ORDER);
        commit(batch().put("a/b", bytes("updated")));

        reopen();

        assertThat(scan("").keySet()).containsExactlyElementsOf(KEYS_IN_BYTE_ORDER);
        assertThat(value("a/b")).isEqualTo("updated");
        assertThat(value("\uD83D\uDE00")).isEqualTo("v:\uD83D\uDE00");
        assertThat(scan("a/b").keySet()).containsExactly("a/b", "a/b/c");
    }

    @Test
    void deletesSurviveReopen() {
        assumeTrue(survivesReopen(), "this backend keeps nothing after a close");
        putAll(KEYS_IN_BYTE_ORDER);
        commit(batch().deletePrefix("a/").delete("b").deletePrefix("\u00E9"));

        reopen();

        List<String> expected = new ArrayList<>(KEYS_IN_BYTE_ORDER);
        expected.removeAll(List.of("a/", "a//", "a/b", "a/b/c", "b", "\u00E9", "\u00E9/x"));
        assertThat(scan("").keySet()).containsExactlyElementsOf(expected);
        assertThat(store.read("a/b")).isNull();
    }

    @Test
    void storeAcceptsCommitsAfterReopen() {
        assumeTrue(survivesReopen(), "this backend keeps nothing after a close");
        commit(batch().put("topic/a", bytes("a")).put("topic/a/sub/1", bytes("1")));

        reopen();
        commit(batch().deletePrefix("topic/a/").put("topic/b", bytes("b")));
        reopen();

        assertThat(scan("")).containsExactly(entry("topic/a", "a"), entry("topic/b", "b"));
    }

    /** Puts each key with the value {@code v:<key>}, one batch for all. */
    private void putAll(List<String> keys) {
        Ops batch = batch();
        keys.forEach(key -> batch.put(key, bytes("v:" + key)));
        commit(batch);
    }

    private static Ops batch() {
        return new Ops();
    }

    private void commit(Ops ops) {
        store.commit(batchOf(ops.ops));
    }

    private PendingCommit submit(Ops ops) {
        return store.submit(batchOf(ops.ops));
    }

    private Map<String, String> scan(String prefix) {
        Map<String, String> visited = new LinkedHashMap<>();
        store.scan(prefix, (key, value) -> {
            String previous = visited.put(key, new String(value, UTF_8));
            assertThat(previous).as("key %s visited twice", key).isNull();
        });
        return visited;
    }

    private String value(String key) {
        byte[] value = store.read(key);
        if (value == null) {
            throw new AssertionError("no record stored under " + key);
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
