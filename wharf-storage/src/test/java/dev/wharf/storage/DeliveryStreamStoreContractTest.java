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
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The behaviour that every {@link DeliveryStreamStore} backend passes: subclass it, open the backend in {@link
 * #open()}, and say in {@link #survivesReopen()} whether committed data outlives a close.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class DeliveryStreamStoreContractTest {

    /** The bound of every wait in this suite, so a broken backend fails instead of hanging. */
    private static final long WAIT_SECONDS = 30;

    private static final long STREAM = 7;

    /** Stream ids at the edges of their encoding, the largest two included. */
    private static final List<Long> STREAM_EDGES = List.of(0L, 1L, 255L, 256L, Long.MAX_VALUE - 1, Long.MAX_VALUE);

    /** Sequences in ascending order, across the byte boundaries, up to the largest. */
    private static final List<Long> SEQUENCES_IN_ORDER =
            List.of(0L, 1L, 255L, 256L, 65_535L, 65_536L, 1L << 32, Long.MAX_VALUE - 1, Long.MAX_VALUE);

    /**
     * Keys in ascending order of their UTF-8 bytes: ASCII around '/' (0x2F), keys that are prefixes of one another,
     * each length of UTF-8 sequence at its edges, and U+E000 to U+FFFF before the characters above U+FFFF, which
     * {@link String#compareTo} orders the other way round.
     */
    private static final List<String> KEYS_IN_BYTE_ORDER = List.of(
            "",
            "\u0000",
            "a",
            "a/",
            "a//",
            "a/b",
            "a/b/c",
            "a0",
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
            "\uD83D\uDE00/cursor",
            "\uDBFF\uDFFF");

    /** One visited record, its value as text. */
    private record Entry(long sequence, String value) {}

    private StorageEngine engine;
    private DeliveryStreamStore store;

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
        store = engine.deliveryStreams();
        return engine;
    }

    /** The engine that the current test uses. */
    protected final StorageEngine engine() {
        return engine;
    }

    @BeforeEach
    final void openEngine() {
        engine = open();
        store = engine.deliveryStreams();
    }

    @AfterEach
    final void closeEngine() {
        engine.close();
    }

    @Test
    void aNewStoreIsEmpty() {
        assertThat(resources("")).isEmpty();
        assertThat(store.readResource("")).isNull();
        assertThat(store.readResource("stream/a")).isNull();
        assertThat(records(STREAM, 0)).isEmpty();
        assertThat(records(Long.MAX_VALUE, Long.MAX_VALUE)).isEmpty();
    }

    @Test
    void resourcesArePutReplacedAndReadBack() {
        store.commit(new DeliveryStreamBatch()
                .putResource("stream/orders", bytes("v1"))
                .putResource("tags/orders", bytes("t1"))
                .putResource("empty", new byte[0]));
        store.commit(new DeliveryStreamBatch().putResource("stream/orders", bytes("v2")));

        assertThat(resource("stream/orders")).isEqualTo("v2");
        assertThat(resource("tags/orders")).isEqualTo("t1");
        assertThat(store.readResource("empty")).isNotNull().isEmpty();
        assertThat(store.readResource("stream/order")).isNull();
        assertThat(store.readResource("stream/orders/")).isNull();
        assertThat(resources(""))
                .containsExactly(entry("empty", ""), entry("stream/orders", "v2"), entry("tags/orders", "t1"));
    }

    @Test
    void deleteResourceRemovesThatKeyOnlyAndAMissingKeyIsANoOp() {
        store.commit(new DeliveryStreamBatch()
                .putResource("stream/a", bytes("a"))
                .putResource("stream/a/", bytes("a/"))
                .putResource("stream/ab", bytes("ab")));

        store.commit(new DeliveryStreamBatch()
                .deleteResource("stream/a")
                .deleteResource("stream/missing")
                .deleteResourcePrefix("nothing/"));

        assertThat(store.readResource("stream/a")).isNull();
        assertThat(resources("")).containsExactly(entry("stream/a/", "a/"), entry("stream/ab", "ab"));
    }

    @Test
    void resourcesAreScannedInUnsignedUtf8ByteOrder() {
        List<String> shuffled = new ArrayList<>(KEYS_IN_BYTE_ORDER);
        Collections.shuffle(shuffled, new Random(42));
        for (String key : shuffled) {
            // One batch per record, so that the order of commits is not the order of keys.
            store.commit(new DeliveryStreamBatch().putResource(key, bytes("v:" + key)));
        }

        Map<String, String> all = resources("");
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
        // And it is not String's order, which would put a character above U+FFFF before U+E000 to U+FFFF.
        assertThat("\uD800\uDC00".compareTo("\uFFFF")).isNegative();
    }

    @Test
    void aPrefixScanVisitsOneContiguousRangeOfTheKeysThatStartWithIt() {
        putAllResources();
        List<String> all = new ArrayList<>(resources("").keySet());

        for (String prefix : List.of("a", "a/", "a/b", "\u00E9", "\u00FF", "\uFFFF", "\uD83D\uDE00", "\uDBFF\uDFFF")) {
            List<String> expected = KEYS_IN_BYTE_ORDER.stream()
                    .filter(key -> key.startsWith(prefix))
                    .toList();
            List<String> visited = new ArrayList<>(resources(prefix).keySet());
            assertThat(visited).as("keys under %s", prefix).isEqualTo(expected);
            int first = all.indexOf(expected.get(0));
            assertThat(all.subList(first, first + expected.size()))
                    .as("the keys under %s are one range of the whole order", prefix)
                    .isEqualTo(expected);
        }
        // U+00E9 (C3 A9) and U+00FF (C3 BF) share their first byte, not a character.
        assertThat(resources("\u00E9").keySet()).containsExactly("\u00E9", "\u00E9/x");
        assertThat(resources("a/b/c/")).isEmpty();
        assertThat(resources("a1")).isEmpty();
    }

    @Test
    void deleteResourcePrefixRemovesEveryKeyThatStartsWithItAndNoOther() {
        putAllResources();

        // U+00FF (C3 BF) is the last two-byte key before U+0100 (C4 80); U+DBFF U+DFFF (F4 8F BF BF) is the last key.
        store.commit(new DeliveryStreamBatch()
                .deleteResourcePrefix("a/")
                .deleteResourcePrefix("\u00FF")
                .deleteResourcePrefix("\uD83D\uDE00")
                .deleteResourcePrefix("\uDBFF\uDFFF"));

        List<String> expected = new ArrayList<>(KEYS_IN_BYTE_ORDER);
        expected.removeAll(
                List.of("a/", "a//", "a/b", "a/b/c", "\u00FF", "\uD83D\uDE00", "\uD83D\uDE00/cursor", "\uDBFF\uDFFF"));
        assertThat(resources("").keySet()).containsExactlyElementsOf(expected);
    }

    @Test
    void keysWithAnUnpairedSurrogateAreRejected() {
        store.commit(new DeliveryStreamBatch().putResource("a?", bytes("question mark")));

        for (String malformed : List.of("a\uD800", "a\uDC00", "\uDC00\uD800", "a\uD83Db", "\uD83D")) {
            assertThatThrownBy(() -> new DeliveryStreamBatch().putResource(malformed, bytes("v")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("unpaired surrogate");
            assertThatThrownBy(() -> new DeliveryStreamBatch().deleteResource(malformed))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new DeliveryStreamBatch().deleteResourcePrefix(malformed))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.readResource(malformed)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.scanResources(malformed, (key, value) -> {}))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        // A surrogate pair is no unpaired surrogate, and '?' (what a lossy encoding would write) stays its own key.
        assertThat(store.readResource("a\uD83D\uDE00")).isNull();
        assertThat(resources("")).containsExactly(entry("a?", "question mark"));
    }

    @Test
    void recordsArePutReplacedAndScannedBack() {
        store.commit(new DeliveryStreamBatch()
                .putRecord(STREAM, 1, bytes("first"))
                .putRecord(STREAM, 2, bytes("other"))
                .putRecord(STREAM, 3, new byte[0]));
        store.commit(new DeliveryStreamBatch().putRecord(STREAM, 1, bytes("second")));

        assertThat(records(STREAM, 0)).containsExactly(new Entry(1, "second"), new Entry(2, "other"), new Entry(3, ""));
        assertThat(records(STREAM + 1, 0)).isEmpty();
        assertThat(records(STREAM - 1, 0)).isEmpty();
    }

    @Test
    void aScanVisitsSequencesFromItsStartIncludedInAscendingOrder() {
        List<Long> shuffled = new ArrayList<>(SEQUENCES_IN_ORDER);
        Collections.shuffle(shuffled, new Random(7));
        for (long sequence : shuffled) {
            // One batch per record, so that the order of commits is not the order of sequences.
            store.commit(new DeliveryStreamBatch().putRecord(STREAM, sequence, bytes(Long.toString(sequence))));
        }

        assertThat(sequences(STREAM, 0)).containsExactlyElementsOf(SEQUENCES_IN_ORDER);
        assertThat(sequences(STREAM, 1)).containsExactlyElementsOf(SEQUENCES_IN_ORDER.subList(1, 9));
        assertThat(sequences(STREAM, 2)).containsExactlyElementsOf(SEQUENCES_IN_ORDER.subList(2, 9));
        assertThat(sequences(STREAM, 256)).containsExactlyElementsOf(SEQUENCES_IN_ORDER.subList(3, 9));
        assertThat(sequences(STREAM, 65_537)).containsExactly(1L << 32, Long.MAX_VALUE - 1, Long.MAX_VALUE);
        assertThat(sequences(STREAM, Long.MAX_VALUE)).containsExactly(Long.MAX_VALUE);
        assertThat(records(STREAM, 0))
                .extracting(Entry::value)
                .containsExactlyElementsOf(
                        SEQUENCES_IN_ORDER.stream().map(Object::toString).toList());
    }

    @Test
    void aScanStopsAtTheRecordItsVisitorAnswersFalseFor() {
        for (long sequence = 1; sequence <= 10; sequence++) {
            store.commit(new DeliveryStreamBatch().putRecord(STREAM, sequence, bytes("r" + sequence)));
        }

        List<Long> visited = new ArrayList<>();
        store.scanRecords(STREAM, 0, (sequence, value) -> {
            visited.add(sequence);
            return visited.size() < 3;
        });
        assertThat(visited).containsExactly(1L, 2L, 3L);

        List<Long> first = new ArrayList<>();
        store.scanRecords(STREAM, 5, (sequence, value) -> {
            first.add(sequence);
            return false;
        });
        assertThat(first).containsExactly(5L);

        assertThat(sequences(STREAM, 11)).as("a scan from past the last record").isEmpty();
    }

    @Test
    void everyStreamIsARangeOfItsOwn() {
        List<Long> sequences = List.of(0L, 1L, 256L, Long.MAX_VALUE);
        putEverywhere(sequences);

        for (long stream : STREAM_EDGES) {
            List<Entry> expected = sequences.stream()
                    .map(sequence -> new Entry(sequence, stream + "/" + sequence))
                    .toList();
            assertThat(records(stream, 0)).as("records of %d", stream).isEqualTo(expected);
        }
        assertThat(records(2, 0)).isEmpty();
        assertThat(records(254, 0)).isEmpty();
        assertThat(records(257, 0)).isEmpty();
        assertThat(records(Long.MAX_VALUE - 2, 0)).isEmpty();
    }

    @Test
    void deleteRecordsBeforeDeletesTheEarlierRecordsOfItsStreamOnly() {
        List<Long> sequences = List.of(0L, 1L, 2L, 255L, 256L, Long.MAX_VALUE - 1, Long.MAX_VALUE);
        putEverywhere(sequences);
        store.commit(new DeliveryStreamBatch().putResource("cursor/1", bytes("kept")));

        store.commit(new DeliveryStreamBatch()
                .deleteRecordsBefore(1, 256)
                .deleteRecordsBefore(Long.MAX_VALUE, Long.MAX_VALUE)
                .deleteRecordsBefore(256, 0)
                .deleteRecordsBefore(42, 100));

        for (long stream : STREAM_EDGES) {
            long before = stream == 1 ? 256 : stream == Long.MAX_VALUE ? Long.MAX_VALUE : 0;
            List<Long> expected =
                    sequences.stream().filter(sequence -> sequence >= before).toList();
            assertThat(sequences(stream, 0)).as("records of %d", stream).isEqualTo(expected);
        }
        assertThat(resource("cursor/1")).isEqualTo("kept");

        // Deleting before a sequence that is not stored deletes up to it, the next stored one kept.
        store.commit(new DeliveryStreamBatch().deleteRecordsBefore(0, 200));
        assertThat(sequences(0, 0)).containsExactly(255L, 256L, Long.MAX_VALUE - 1, Long.MAX_VALUE);
    }

    @Test
    void deleteStreamRecordsDeletesEveryRecordOfThatStreamOnly() {
        List<Long> sequences = List.of(0L, 256L, Long.MAX_VALUE);
        putEverywhere(sequences);
        store.commit(new DeliveryStreamBatch().putResource("stream/1", bytes("kept")));

        store.commit(new DeliveryStreamBatch()
                .deleteStreamRecords(1)
                .deleteStreamRecords(Long.MAX_VALUE)
                .deleteStreamRecords(42));

        for (long stream : STREAM_EDGES) {
            boolean deleted = stream == 1 || stream == Long.MAX_VALUE;
            assertThat(sequences(stream, 0)).as("records of %d", stream).isEqualTo(deleted ? List.of() : sequences);
        }
        assertThat(resource("stream/1")).isEqualTo("kept");

        store.commit(new DeliveryStreamBatch().deleteStreamRecords(0));
        assertThat(sequences(0, 0)).isEmpty();
        assertThat(sequences(Long.MAX_VALUE - 1, 0)).isEqualTo(sequences);
    }

    @Test
    void theOpsOfOneBatchApplyInTheirOrder() {
        store.commit(new DeliveryStreamBatch()
                .putRecord(STREAM, 1, bytes("put then deleted"))
                .putRecord(STREAM, 2, bytes("put then deleted"))
                .putRecord(STREAM, 3, bytes("kept"))
                .deleteRecordsBefore(STREAM, 3)
                .deleteRecordsBefore(STREAM + 1, 10)
                .putRecord(STREAM + 1, 5, bytes("deleted then put"))
                .putRecord(STREAM + 2, 5, bytes("gone"))
                .deleteStreamRecords(STREAM + 3)
                .deleteStreamRecords(STREAM + 2)
                .putRecord(STREAM + 2, 6, bytes("after the stream delete"))
                .putRecord(STREAM + 3, 0, bytes("old"))
                .putRecord(STREAM + 3, 0, bytes("new"))
                .putResource("stream/a", bytes("gone"))
                .deleteResource("stream/a")
                .deleteResource("stream/b")
                .putResource("stream/b", bytes("b"))
                .putResource("stream/c/1", bytes("gone"))
                .deleteResourcePrefix("stream/c")
                .putResource("stream/c", bytes("c again"))
                .putResource("stream/d", bytes("old"))
                .putResource("stream/d", bytes("new")));

        assertThat(records(STREAM, 0)).containsExactly(new Entry(3, "kept"));
        assertThat(records(STREAM + 1, 0)).containsExactly(new Entry(5, "deleted then put"));
        assertThat(records(STREAM + 2, 0)).containsExactly(new Entry(6, "after the stream delete"));
        assertThat(records(STREAM + 3, 0)).containsExactly(new Entry(0, "new"));
        assertThat(resources("stream/"))
                .containsExactly(entry("stream/b", "b"), entry("stream/c", "c again"), entry("stream/d", "new"));
    }

    @Test
    void aDeliveryAdvancesItsCursorAndDeletesWhatItDeliveredInOneCommit() {
        store.commit(new DeliveryStreamBatch()
                .putRecord(STREAM, 0, bytes("r0"))
                .putRecord(STREAM, 1, bytes("r1"))
                .putRecord(STREAM, 2, bytes("r2")));

        // The records of an earlier commit, deleted by a later one that also moves the cursor past them.
        store.commit(new DeliveryStreamBatch()
                .putResource("cursor/" + STREAM, bytes("2"))
                .deleteRecordsBefore(STREAM, 2)
                .putRecord(STREAM, 3, bytes("r3")));

        assertThat(resource("cursor/" + STREAM)).isEqualTo("2");
        assertThat(records(STREAM, 0)).containsExactly(new Entry(2, "r2"), new Entry(3, "r3"));
    }

    @Test
    void readsAndScansHandOutCopies() {
        store.commit(new DeliveryStreamBatch().putResource("k", bytes("value")).putRecord(STREAM, 0, bytes("record")));

        Objects.requireNonNull(store.readResource("k"))[0] = 'X';
        store.scanResources("", (key, value) -> value[0] = 'X');
        store.scanRecords(STREAM, 0, (sequence, value) -> {
            value[0] = 'X';
            return true;
        });

        assertThat(resource("k")).isEqualTo("value");
        assertThat(resources("")).containsExactly(entry("k", "value"));
        assertThat(records(STREAM, 0)).containsExactly(new Entry(0, "record"));
    }

    @Test
    void submittedBatchesApplyInSubmissionOrderWhoeverWaitsFirst() {
        PendingCommit put = store.submit(
                new DeliveryStreamBatch().putRecord(STREAM, 0, bytes("v1")).putResource("r", bytes("1")));
        PendingCommit delivered = store.submit(new DeliveryStreamBatch().deleteRecordsBefore(STREAM, 1));
        PendingCommit again = store.submit(
                new DeliveryStreamBatch().putRecord(STREAM, 0, bytes("v2")).deleteResourcePrefix("r"));
        again.await();
        delivered.await();
        put.await();
        put.await();

        assertThat(records(STREAM, 0)).containsExactly(new Entry(0, "v2"));
        assertThat(resources("")).isEmpty();
        assertThat(store.submit(new DeliveryStreamBatch())).isSameAs(PendingCommit.DONE);
        store.commit(new DeliveryStreamBatch());
        assertThat(records(STREAM, 0)).containsExactly(new Entry(0, "v2"));
    }

    @Test
    void commitsShareOneOrderWithTheEngineOtherStores() {
        PendingCommit topic = engine.topics().submit(new TopicBatch().put("topic/a", bytes("t")));
        PendingCommit record = store.submit(new DeliveryStreamBatch().putRecord(STREAM, 0, bytes("f")));

        // Once the later commit is durable the earlier one is too, whichever store it went to, so reads show both.
        record.await();
        assertThat(engine.topics().read("topic/a")).isEqualTo(bytes("t"));
        assertThat(records(STREAM, 0)).containsExactly(new Entry(0, "f"));
        topic.await();
    }

    @Test
    void scansAndReadsNeverSeeHalfABatch() throws Exception {
        int commits = 300;
        store.commit(new DeliveryStreamBatch()
                .putRecord(STREAM, 0, bytes("0"))
                .putRecord(STREAM, 1, bytes("0"))
                .putResource("pair/a", bytes("0"))
                .putResource("pair/b", bytes("0")));
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger scans = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> writer = pool.submit(() -> {
                try {
                    for (int i = 1; i <= commits; i++) {
                        // Each batch delivers the stream's two records, puts the next two and rewrites the pair.
                        store.commit(new DeliveryStreamBatch()
                                .deleteRecordsBefore(STREAM, 2L * i)
                                .putRecord(STREAM, 2L * i, bytes(Integer.toString(i)))
                                .putRecord(STREAM, 2L * i + 1, bytes(Integer.toString(i)))
                                .deleteResourcePrefix("pair/")
                                .putResource("pair/a", bytes(Integer.toString(i)))
                                .putResource("pair/b", bytes(Integer.toString(i))));
                    }
                } finally {
                    writing.set(false);
                }
                return null;
            });
            Future<?> reader = pool.submit(() -> {
                while (writing.get() || scans.get() == 0) {
                    List<Entry> found = records(STREAM, 0);
                    assertThat(found).as("records").hasSize(2);
                    assertThat(found.get(0).value()).isEqualTo(found.get(1).value());
                    Map<String, String> pair = resources("pair/");
                    assertThat(pair).hasSize(2);
                    assertThat(pair.get("pair/a")).isEqualTo(pair.get("pair/b"));
                    scans.incrementAndGet();
                }
                return null;
            });
            writer.get(WAIT_SECONDS, TimeUnit.SECONDS);
            reader.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }

        String last = Integer.toString(commits);
        assertThat(records(STREAM, 0))
                .containsExactly(new Entry(2L * commits, last), new Entry(2L * commits + 1, last));
        assertThat(scans.get()).isPositive();
    }

    @Test
    void badArgumentsAreRejectedWhereTheyAreMade() {
        DeliveryStreamBatch batch = new DeliveryStreamBatch();
        for (long negative : List.of(-1L, Long.MIN_VALUE)) {
            assertThatThrownBy(() -> batch.putRecord(negative, 0, bytes("v")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("a stream id must not be negative: " + negative);
            assertThatThrownBy(() -> batch.putRecord(STREAM, negative, bytes("v")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("a sequence must not be negative: " + negative);
            assertThatThrownBy(() -> batch.deleteRecordsBefore(negative, 0))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> batch.deleteRecordsBefore(STREAM, negative))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> batch.deleteStreamRecords(negative)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.scanRecords(negative, 0, (sequence, value) -> true))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.scanRecords(STREAM, negative, (sequence, value) -> true))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> batch.deleteResourcePrefix(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a prefix to delete must not be empty");
        assertThat(batch.isEmpty()).as("a refused op is not added").isTrue();
        store.commit(batch);
        assertThat(records(STREAM, 0)).isEmpty();
    }

    @Test
    void aClosedStoreRefusesEveryCallButAnEmptySubmit() {
        store.commit(new DeliveryStreamBatch().putResource("k", bytes("v")).putRecord(STREAM, 0, bytes("r")));
        engine.close();
        assertRefusesEveryCallButAnEmptySubmit();
        // A second close is a no-op.
        engine.close();
    }

    @Test
    void aStoreClosedBeforeItsFirstWriteRefusesEveryCallToo() {
        // A backend that makes its storage on the first write still refuses reads once closed, not only answers none.
        engine.close();
        assertRefusesEveryCallButAnEmptySubmit();
    }

    @Test
    void committedDataSurvivesAReopen() {
        assumeTrue(survivesReopen(), "this backend keeps nothing after a close");
        putAllResources();
        for (long sequence : SEQUENCES_IN_ORDER) {
            store.commit(new DeliveryStreamBatch().putRecord(STREAM, sequence, bytes(Long.toString(sequence))));
        }
        store.commit(new DeliveryStreamBatch()
                .putRecord(Long.MAX_VALUE, Long.MAX_VALUE, bytes("edge"))
                .putRecord(STREAM + 1, 0, bytes("gone")));
        store.commit(new DeliveryStreamBatch()
                .deleteRecordsBefore(STREAM, 256)
                .deleteStreamRecords(STREAM + 1)
                .putRecord(STREAM + 1, 9, bytes("again"))
                .deleteResourcePrefix("a/")
                .deleteResource("b"));

        reopen();

        List<String> expected = new ArrayList<>(KEYS_IN_BYTE_ORDER);
        expected.removeAll(List.of("a/", "a//", "a/b", "a/b/c", "b"));
        assertThat(resources("").keySet()).containsExactlyElementsOf(expected);
        assertThat(resource("\uD83D\uDE00")).isEqualTo("v:\uD83D\uDE00");
        assertThat(sequences(STREAM, 0)).containsExactlyElementsOf(SEQUENCES_IN_ORDER.subList(3, 9));
        assertThat(records(STREAM + 1, 0)).containsExactly(new Entry(9, "again"));
        assertThat(records(Long.MAX_VALUE, 0)).containsExactly(new Entry(Long.MAX_VALUE, "edge"));
    }

    @Test
    void rangeDeletesStayAfterAReopenAndTheStoreTakesCommits() {
        assumeTrue(survivesReopen(), "this backend keeps nothing after a close");
        for (long sequence = 0; sequence < 10; sequence++) {
            store.commit(new DeliveryStreamBatch()
                    .putRecord(STREAM, sequence, bytes(Long.toString(sequence)))
                    .putRecord(STREAM + 1, sequence, bytes(Long.toString(sequence))));
        }
        store.commit(new DeliveryStreamBatch().deleteRecordsBefore(STREAM, 5).deleteStreamRecords(STREAM + 1));

        reopen();
        assertThat(sequences(STREAM, 0)).containsExactly(5L, 6L, 7L, 8L, 9L);
        assertThat(sequences(STREAM + 1, 0)).isEmpty();
        store.commit(new DeliveryStreamBatch()
                .deleteRecordsBefore(STREAM, 8)
                .putRecord(STREAM + 1, 3, bytes("3"))
                .putResource("cursor/a", bytes("a")));
        reopen();

        assertThat(sequences(STREAM, 0)).containsExactly(8L, 9L);
        assertThat(records(STREAM + 1, 0)).containsExactly(new Entry(3, "3"));
        assertThat(resources("")).containsExactly(entry("cursor/a", "a"));
    }

    /** The engine must be closed. */
    private void assertRefusesEveryCallButAnEmptySubmit() {
        assertThatThrownBy(() -> store.commit(new DeliveryStreamBatch().putResource("k", bytes("w"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> store.submit(new DeliveryStreamBatch().deleteStreamRecords(STREAM)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> store.submit(new DeliveryStreamBatch().putRecord(STREAM, 1, bytes("r"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> store.scanResources("", (key, value) -> {})).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.scanResources("k", (key, value) -> {}))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.readResource("k")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.scanRecords(STREAM, 0, (sequence, value) -> true))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.scanRecords(STREAM, Long.MAX_VALUE, (sequence, value) -> true))
                .isInstanceOf(IllegalStateException.class);
        // An empty batch changes nothing, so it needs no open store.
        assertThat(store.submit(new DeliveryStreamBatch())).isSameAs(PendingCommit.DONE);
        store.commit(new DeliveryStreamBatch());
    }

    /** Puts each key with the value {@code v:<key>}, one batch for all. */
    private void putAllResources() {
        DeliveryStreamBatch batch = new DeliveryStreamBatch();
        KEYS_IN_BYTE_ORDER.forEach(key -> batch.putResource(key, bytes("v:" + key)));
        store.commit(batch);
    }

    /** Puts a record at each sequence for every stream edge, valued {@code stream/sequence}. */
    private void putEverywhere(List<Long> sequences) {
        // One batch per stream, in reverse order, so that only the store's keys put them in order.
        for (long stream : STREAM_EDGES.reversed()) {
            DeliveryStreamBatch batch = new DeliveryStreamBatch();
            sequences.reversed().forEach(sequence -> batch.putRecord(stream, sequence, bytes(stream + "/" + sequence)));
            store.commit(batch);
        }
    }

    private List<Entry> records(long stream, long fromSequence) {
        List<Entry> out = new ArrayList<>();
        store.scanRecords(stream, fromSequence, (sequence, value) -> {
            assertThat(sequence).isGreaterThanOrEqualTo(fromSequence);
            out.add(new Entry(sequence, new String(value, UTF_8)));
            return true;
        });
        return out;
    }

    private List<Long> sequences(long stream, long fromSequence) {
        return records(stream, fromSequence).stream().map(Entry::sequence).toList();
    }

    private Map<String, String> resources(String prefix) {
        Map<String, String> visited = new LinkedHashMap<>();
        store.scanResources(prefix, (key, value) -> {
            String previous = visited.put(key, new String(value, UTF_8));
            assertThat(previous).as("key %s visited twice", key).isNull();
        });
        return visited;
    }

    private String resource(String key) {
        byte[] value = store.readResource(key);
        if (value == null) {
            throw new AssertionError("no resource stored under " + key);
        }
        return new String(value, UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }
}
