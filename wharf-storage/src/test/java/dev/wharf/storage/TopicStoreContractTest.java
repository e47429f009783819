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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The behaviour that every {@link TopicStore} backend passes: subclass it, open the backend in {@link #open()}, and say
 * in {@link #survivesReopen()} whether committed data outlives a close.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class TopicStoreContractTest {

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
    private TopicStore store;

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
        store = engine.topics();
        return engine;
    }

    /** The engine that the current test uses. */
    protected final StorageEngine engine() {
        return engine;
    }

    @BeforeEach
    final void openEngine() {
        engine = open();
        store = engine.topics();
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
        store.commit(new TopicBatch().put("topic/orders", bytes("t1")).put("sub/orders/1", bytes("s1")));

        assertThat(value("topic/orders")).isEqualTo("t1");
        assertThat(value("sub/orders/1")).isEqualTo("s1");
        assertThat(store.read("topic/order")).isNull();
        assertThat(store.read("topic/orders/")).isNull();
    }

    @Test
    void putReplacesTheValue() {
        store.commit(new TopicBatch().put("topic/a", bytes("first")));
        store.commit(new TopicBatch().put("topic/a", bytes("second")));

        assertThat(scan("")).containsExactly(entry("topic/a", "second"));
    }

    @Test
    void deleteRemovesThatKeyOnly() {
        store.commit(new TopicBatch()
                .put("topic/a", bytes("a"))
                .put("topic/a/", bytes("a/"))
                .put("topic/ab", bytes("ab")));

        store.commit(new TopicBatch().delete("topic/a"));

        assertThat(store.read("topic/a")).isNull();
        assertThat(scan("")).containsExactly(entry("topic/a/", "a/"), entry("topic/ab", "ab"));
    }

    @Test
    void deleteOfAMissingKeyOrPrefixIsANoOp() {
        store.commit(new TopicBatch().put("topic/a", bytes("a")));

        store.commit(new TopicBatch()
                .delete("topic/b")
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
            store.commit(new TopicBatch().put(key, bytes("v:" + key)));
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

        store.commit(new TopicBatch().deletePrefix("a/"));

        List<String> expected = new ArrayList<>(KEYS_IN_BYTE_ORDER);
        expected.removeAll(List.of("a/", "a//", "a/b", "a/b/c"));
        assertThat(scan("").keySet()).containsExactlyElementsOf(expected);
    }

    @Test
    void deletePrefixOfNonAsciiPrefixesKeepsTheirNeighbours() {
        putAll(KEYS_IN_BYTE_ORDER);

        // U+00FF (C3 BF) is the last two-byte key before U+0100 (C4 80); U+DBFF U+DFFF (F4 8F BF BF) is the last key.
        store.commit(new TopicBatch()
                .deletePrefix("\u00FF")
                .deletePrefix("\uD83D\uDE00")
                .deletePrefix("\uDBFF\uDFFF")
                .deletePrefix("\u00E9/"));

        List<String> expected = new ArrayList<>(KEYS_IN_BYTE_ORDER);
        expected.removeAll(List.of("\u00FF", "\uD83D\uDE00", "\uD83D\uDE00/topic", "\uDBFF\uDFFF", "\u00E9/x"));
        assertThat(scan("").keySet()).containsExactlyElementsOf(expected);
    }

    @Test
    void opsOfOneBatchApplyInOrder() {
        store.commit(new TopicBatch().put("topic/a", bytes("a")).put("topic/a/sub/1", bytes("1")));

        store.commit(new TopicBatch()
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
        store.commit(new TopicBatch().put("k", bytes("old")).put("k", bytes("new")));

        assertThat(scan("")).containsExactly(entry("k", "new"));
    }

    @Test
    void emptyBatchIsANoOpAndDoneAtOnce() {
        store.commit(new TopicBatch().put("k", bytes("v")));

        store.submit(new TopicBatch()).await();
        store.commit(new TopicBatch());

        assertThat(scan("")).containsExactly(entry("k", "v"));
    }

    @Test
    void emptyValuesAreStoredAndReadBackAsEmpty() {
        store.commit(new TopicBatch().put("empty", new byte[0]).put("", new byte[0]));

        assertThat(store.read("empty")).isNotNull().isEmpty();
        assertThat(store.read("")).isNotNull().isEmpty();
        assertThat(scan("")).containsExactly(entry("", ""), entry("empty", ""));
    }

    @Test
    void largeValueRoundTrips() {
        byte[] value = new byte[1024 * 1024];
        new Random(1).nextBytes(value);
        store.commit(new TopicBatch().put("topic/big", value));

        assertThat(store.read("topic/big")).isEqualTo(value);
    }

    @Test
    void changingAReadValueDoesNotChangeTheStore() {
        store.commit(new TopicBatch().put("k", bytes("v")));

        byte[] read = store.read("k");
        if (read != null) {
            read[0] = 'x';
        }
        store.scan("", (key, value) -> value[0] = 'x');

        assertThat(scan("")).containsExactly(entry("k", "v"));
    }

    @Test
    void submittedBatchesApplyInSubmissionOrderWhoeverWaitsFirst() {
        store.commit(new TopicBatch().put("topic/a", bytes("created")).put("topic/a/sub/1", bytes("s1")));

        PendingCommit changed = store.submit(new TopicBatch().put("topic/a", bytes("changed")));
        PendingCommit deleted = store.submit(new TopicBatch().deletePrefix("topic/a"));
        PendingCommit recreated = store.submit(new TopicBatch().put("topic/a", bytes("recreated")));
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
                            pending.add(store.submit(new TopicBatch()
                                    .put("shared", bytes(Integer.toString(value)))
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
                    store.commit(new TopicBatch().put(key, bytes("t")));
                    store.commit(new TopicBatch().put(key + "/sub", bytes("s")));
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
        store.commit(new TopicBatch()
                .put("moving/0", bytes("0"))
                .put("pair/a", bytes("0"))
                .put("pair/b", bytes("0")));
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger scans = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> writer = pool.submit(() -> {
                try {
                    for (int i = 1; i <= commits; i++) {
                        // Each batch moves one record to a new key and rewrites a pair, deleting before it puts.
                        store.commit(new TopicBatch()
                                .deletePrefix("moving/")
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
        store.commit(new TopicBatch().put("a?", bytes("question mark")));

        for (String malformed : List.of("a\uD800", "a\uDC00", "\uDC00\uD800", "a\uD83Db")) {
            assertThatThrownBy(() -> new TopicBatch().put(malformed, bytes("v")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("unpaired surrogate");
            assertThatThrownBy(() -> new TopicBatch().delete(malformed)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new TopicBatch().deletePrefix(malformed))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.read(malformed)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.scan(malformed, (key, value) -> {}))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        // A prefix that ends inside a surrogate pair matches no whole character.
        assertThatThrownBy(() -> store.scan("\uD83D", (key, value) -> {})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TopicBatch().deletePrefix(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a prefix to delete must not be empty");
        assertThat(scan("")).containsExactly(entry("a?", "question mark"));
    }

    @Test
    void everyCallAfterCloseFails() {
        store.commit(new TopicBatch().put("k", bytes("v")));
        engine.close();

        assertThatThrownBy(() -> store.commit(new TopicBatch().put("k", bytes("w"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> store.submit(new TopicBatch().delete("k")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> store.scan("", (key, value) -> {}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> store.read("k"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        // An empty batch changes nothing, so it needs no open store; a second close is a no-op.
        store.commit(new TopicBatch());
        engine.close();
    }

    @Test
    void committedDataSurvivesReopen() {
        assumeTrue(survivesReopen(), "this backend keeps nothing after a close");
        putAll(KEYS_IN_BYTE_ORDER);
        store.commit(new TopicBatch().put("a/b", bytes("updated")));

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
        store.commit(new TopicBatch().deletePrefix("a/").delete("b").deletePrefix("\u00E9"));

        reopen();

        List<String> expected = new ArrayList<>(KEYS_IN_BYTE_ORDER);
        expected.removeAll(List.of("a/", "a//", "a/b", "a/b/c", "b", "\u00E9", "\u00E9/x"));
        assertThat(scan("").keySet()).containsExactlyElementsOf(expected);
        assertThat(store.read("a/b")).isNull();
    }

    @Test
    void storeAcceptsCommitsAfterReopen() {
        assumeTrue(survivesReopen(), "this backend keeps nothing after a close");
        store.commit(new TopicBatch().put("topic/a", bytes("a")).put("topic/a/sub/1", bytes("1")));

        reopen();
        store.commit(new TopicBatch().deletePrefix("topic/a/").put("topic/b", bytes("b")));
        reopen();

        assertThat(scan("")).containsExactly(entry("topic/a", "a"), entry("topic/b", "b"));
    }

    /** Puts each key with the value {@code v:<key>}, one batch for all. */
    private void putAll(List<String> keys) {
        TopicBatch batch = new TopicBatch();
        keys.forEach(key -> batch.put(key, bytes("v:" + key)));
        store.commit(batch);
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
