package dev.wharf.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The behaviour that every {@link TableStore} backend passes: subclass it, open the backend in {@link #open()}, and say
 * in {@link #survivesReopen()} whether committed data outlives a close.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class TableStoreContractTest {

    private static final long WAIT_SECONDS = 30;
    private static final long TABLE = 7;
    private static final int GSI = 1;

    /**
     * Byte strings in ascending unsigned order: the empty one, zero bytes and 0xFF (which a store's own framing must
     * not confuse with its separators), and strings that are prefixes of one another.
     */
    private static final List<byte[]> KEYS_IN_ORDER = List.of(
            new byte[0],
            new byte[] {0},
            new byte[] {0, 0},
            new byte[] {0, 1},
            new byte[] {0, (byte) 0xFF},
            new byte[] {1},
            bytes("a"),
            new byte[] {'a', 0},
            new byte[] {'a', 0, 1},
            new byte[] {'a', 1},
            bytes("ab"),
            bytes("b"),
            new byte[] {(byte) 0x7F},
            new byte[] {(byte) 0x80},
            new byte[] {(byte) 0xFF},
            new byte[] {(byte) 0xFF, 0},
            new byte[] {(byte) 0xFF, (byte) 0xFF});

    /** One visited item, its keys in hex and its value as text. */
    private record Visit(String partition, String sort, String value) {}

    private StorageEngine engine;
    private TableStore store;

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
        store = engine.tables();
        return engine;
    }

    @BeforeEach
    final void openEngine() {
        engine = open();
        store = engine.tables();
    }

    @AfterEach
    final void closeEngine() {
        engine.close();
    }

    @Test
    void aNewStoreIsEmpty() {
        assertThat(tableRecords()).isEmpty();
        assertThat(store.readItem(TABLE, 0, bytes("p"), new byte[0])).isNull();
        assertThat(partition(TABLE, 0, bytes("p"), null, null, false)).isEmpty();
        assertThat(scan(TABLE, 0, 0, 1, null)).isEmpty();
    }

    @Test
    void tableRecordsArePutReplacedDeletedAndScannedByTableThenName() {
        store.commit(new TableBatch()
                .putTableRecord(2, "table", bytes("t2"))
                .putTableRecord(0, "table", bytes("t0"))
                .putTableRecord(Long.MAX_VALUE, "table", bytes("max"))
                .putTableRecord(2, "stats", bytes("s2"))
                .putTableRecord(2, "\u00E9", bytes("e"))
                .putTableRecord(2, "\uD83D\uDE00", bytes("smile"))
                .putTableRecord(2, "\uFFFF", bytes("ffff"))
                .putTableRecord(1, "gone", bytes("g")));
        store.commit(new TableBatch()
                .putTableRecord(2, "table", bytes("t2'"))
                .deleteTableRecord(1, "gone")
                .deleteTableRecord(1, "never"));

        // UTF-8 byte order puts U+FFFF (EF BF BF) before U+1F600 (F0 9F 98 80), which String order would not.
        assertThat(tableRecords())
                .containsExactly(
                        "0/table=t0",
                        "2/stats=s2",
                        "2/table=t2'",
                        "2/\u00E9=e",
                        "2/\uFFFF=ffff",
                        "2/\uD83D\uDE00=smile",
                        Long.MAX_VALUE + "/table=max");
    }

    @Test
    void itemsArePutReplacedReadAndDeletedInTheirOwnTableAndIndex() {
        store.commit(new TableBatch()
                .putItem(TABLE, 0, bytes("p"), bytes("s"), bytes("v1"))
                .putItem(TABLE, 0, bytes("p"), new byte[0], bytes("no sort"))
                .putItem(TABLE, GSI, bytes("p"), bytes("s"), bytes("index entry"))
                .putItem(TABLE + 1, 0, bytes("p"), bytes("s"), bytes("other table"))
                .putItem(TABLE, 0, bytes("q"), bytes("s"), new byte[0]));
        store.commit(new TableBatch().putItem(TABLE, 0, bytes("p"), bytes("s"), bytes("v2")));

        assertThat(item(TABLE, 0, "p", "s")).isEqualTo("v2");
        assertThat(item(TABLE, 0, "p", "")).isEqualTo("no sort");
        assertThat(item(TABLE, GSI, "p", "s")).isEqualTo("index entry");
        assertThat(item(TABLE + 1, 0, "p", "s")).isEqualTo("other table");
        assertThat(store.readItem(TABLE, 0, bytes("q"), bytes("s"))).isNotNull().isEmpty();
        assertThat(store.readItem(TABLE, 0, bytes("p"), bytes("s\0"))).isNull();
        assertThat(store.readItem(TABLE, 0, bytes("p\0"), bytes("s"))).isNull();
        assertThat(store.readItem(TABLE, 2, bytes("p"), bytes("s"))).isNull();

        store.commit(new TableBatch()
                .deleteItem(TABLE, 0, bytes("p"), bytes("s"))
                .deleteItem(TABLE, 0, bytes("missing"), bytes("s")));
        assertThat(store.readItem(TABLE, 0, bytes("p"), bytes("s"))).isNull();
        assertThat(item(TABLE, GSI, "p", "s")).isEqualTo("index entry");
        assertThat(item(TABLE, 0, "p", "")).isEqualTo("no sort");
    }

    @Test
    void aPartitionIsScannedInSortKeyOrderBothWaysAndNoOtherPartitionMixesIn() {
        putPartitionsOfEveryKey();

        for (byte[] partition : KEYS_IN_ORDER) {
            List<String> expected =
                    KEYS_IN_ORDER.stream().map(TableStoreContractTest::hex).toList();
            assertThat(sorts(partition(TABLE, 0, partition, null, null, false)))
                    .as("partition %s", hex(partition))
                    .isEqualTo(expected);
            assertThat(sorts(partition(TABLE, 0, partition, null, null, true)))
                    .as("partition %s backwards", hex(partition))
                    .isEqualTo(expected.reversed());
            assertThat(partition(TABLE, 0, partition, null, null, false))
                    .allSatisfy(visit -> assertThat(visit.partition()).isEqualTo(hex(partition)))
                    .allSatisfy(visit -> assertThat(visit.value()).isEqualTo(hex(partition) + "/" + visit.sort()));
        }
        assertThat(partition(TABLE, 0, bytes("zz"), null, null, false)).isEmpty();
        assertThat(partition(TABLE, GSI, bytes("a"), null, null, false)).isEmpty();
    }

    @Test
    void aPartitionScanTakesItsFromBoundIncludedAndItsToBoundExcluded() {
        putPartitionsOfEveryKey();
        byte[] partition = bytes("a");

        for (int from = 0; from < KEYS_IN_ORDER.size(); from++) {
            for (int to = from; to < KEYS_IN_ORDER.size(); to++) {
                List<String> expected = KEYS_IN_ORDER.subList(from, to).stream()
                        .map(TableStoreContractTest::hex)
                        .toList();
                byte[] lower = KEYS_IN_ORDER.get(from);
                byte[] upper = KEYS_IN_ORDER.get(to);
                assertThat(sorts(partition(TABLE, 0, partition, lower, upper, false)))
                        .as("[%s, %s)", hex(lower), hex(upper))
                        .isEqualTo(expected);
                assertThat(sorts(partition(TABLE, 0, partition, lower, upper, true)))
                        .as("[%s, %s) backwards", hex(lower), hex(upper))
                        .isEqualTo(expected.reversed());
            }
        }
        assertThat(sorts(partition(TABLE, 0, partition, bytes("a"), null, false)))
                .containsExactly("61", "6100", "610001", "6101", "6162", "62", "7f", "80", "ff", "ff00", "ffff");
        assertThat(sorts(partition(TABLE, 0, partition, null, new byte[] {0, 1}, true)))
                .containsExactly("0000", "00", "");
        assertThat(partition(TABLE, 0, partition, bytes("b"), bytes("a"), false))
                .as("a range that ends before it starts")
                .isEmpty();
    }

    @Test
    void scansStopAtTheItemTheirVisitorAnswersFalseFor() {
        putPartitionsOfEveryKey();

        List<String> forward = new ArrayList<>();
        store.scanPartition(TABLE, 0, bytes("a"), null, null, false, (partition, sort, value) -> {
            forward.add(hex(sort));
            return forward.size() < 3;
        });
        assertThat(forward).containsExactly("", "00", "0000");
        List<String> backward = new ArrayList<>();
        store.scanPartition(TABLE, 0, bytes("a"), null, null, true, (partition, sort, value) -> {
            backward.add(hex(sort));
            return false;
        });
        assertThat(backward).containsExactly("ffff");
        AtomicInteger visited = new AtomicInteger();
        store.scanItems(TABLE, 0, 0, 1, null, (partition, sort, value) -> visited.incrementAndGet() < 5);
        assertThat(visited.get()).isEqualTo(5);
    }

    @Test
    void aFullScanOrdersPartitionsByHashAndKeepsEachContiguousInSortOrder() {
        putPartitionsOfEveryKey();

        List<Visit> all = scan(TABLE, 0, 0, 1, null);
        assertThat(all).hasSize(KEYS_IN_ORDER.size() * KEYS_IN_ORDER.size());
        List<byte[]> partitionsInOrder = new ArrayList<>(KEYS_IN_ORDER);
        partitionsInOrder.sort(
                Comparator.comparingLong(TableStore::partitionHash).thenComparing(Arrays::compareUnsigned));
        List<Visit> expected = new ArrayList<>();
        for (byte[] partition : partitionsInOrder) {
            for (byte[] sort : KEYS_IN_ORDER) {
                expected.add(new Visit(hex(partition), hex(sort), hex(partition) + "/" + hex(sort)));
            }
        }
        assertThat(all).isEqualTo(expected);
    }

    @Test
    void segmentsSplitAnIndexIntoDisjointHashRangesThatCoverIt() {
        List<Visit> all = putManyPartitions(200);

        for (int total : List.of(1, 2, 3, 7, 64, 1000)) {
            List<Visit> joined = new ArrayList<>();
            for (int segment = 0; segment < total; segment++) {
                long start = TableStore.segmentStart(segment, total);
                long end = segment + 1 == total ? TableStore.HASH_SPACE : TableStore.segmentStart(segment + 1, total);
                List<Visit> part = scan(TABLE, 0, segment, total, null);
                assertThat(part).as("segment %d of %d", segment, total).allSatisfy(visit -> assertThat(
                                TableStore.partitionHash(HexFormat.of().parseHex(visit.partition())))
                        .isBetween(start, end - 1));
                joined.addAll(part);
            }
            assertThat(joined).as("segments of %d", total).isEqualTo(all);
        }
        assertThat(TableStore.segmentStart(0, 1)).isZero();
        assertThat(TableStore.segmentStart(999_999, 1_000_000)).isEqualTo(TableStore.HASH_SPACE * 999_999 / 1_000_000);
    }

    @Test
    void aScanGoesOnAfterTheKeyItIsGivenWithinItsSegment() {
        List<Visit> all = putManyPartitions(50);

        for (int cut : List.of(0, 1, 17, all.size() - 2, all.size() - 1)) {
            Visit last = all.get(cut);
            TableStore.ItemKey after = new TableStore.ItemKey(
                    HexFormat.of().parseHex(last.partition()), HexFormat.of().parseHex(last.sort()));
            assertThat(scan(TABLE, 0, 0, 1, after))
                    .as("after item %d", cut)
                    .isEqualTo(all.subList(cut + 1, all.size()));
        }
        // A key that is not stored resumes at the next one stored; in a segment, only within it.
        Visit first = all.get(0);
        TableStore.ItemKey between =
                new TableStore.ItemKey(HexFormat.of().parseHex(first.partition()), bytes("1\u0000"));
        assertThat(scan(TABLE, 0, 0, 1, between)).isEqualTo(all.subList(1, all.size()));
        List<Visit> secondHalf = scan(TABLE, 0, 1, 2, null);
        assertThat(scan(TABLE, 0, 1, 2, between)).isEqualTo(secondHalf);
        assertThat(scan(TABLE, 0, 0, 2, keyOf(all.getLast()))).isEmpty();
    }

    @Test
    void deleteIndexAndDeleteTableRemoveExactlyTheirItems() {
        for (long table : List.of(TABLE - 1, TABLE, TABLE + 1)) {
            for (int index : List.of(0, 1, 2, Integer.MAX_VALUE)) {
                store.commit(new TableBatch()
                        .putItem(table, index, bytes("p"), bytes("s"), bytes(table + "/" + index))
                        .putItem(table, index, new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xFF}, bytes("ff"))
                        .putTableRecord(table, "table", bytes("t" + table)));
            }
        }

        store.commit(new TableBatch().deleteIndex(TABLE, 1).deleteIndex(TABLE, Integer.MAX_VALUE));
        assertThat(scan(TABLE, 1, 0, 1, null)).isEmpty();
        assertThat(scan(TABLE, Integer.MAX_VALUE, 0, 1, null)).isEmpty();
        assertThat(scan(TABLE, 0, 0, 1, null)).hasSize(2);
        assertThat(scan(TABLE, 2, 0, 1, null)).hasSize(2);

        store.commit(new TableBatch().deleteTable(TABLE));
        for (int index : List.of(0, 1, 2, Integer.MAX_VALUE)) {
            assertThat(scan(TABLE, index, 0, 1, null)).isEmpty();
            assertThat(scan(TABLE - 1, index, 0, 1, null)).hasSize(2);
            assertThat(scan(TABLE + 1, index, 0, 1, null)).hasSize(2);
        }
        assertThat(tableRecords()).containsExactly("6/table=t6", "8/table=t8");
    }

    @Test
    void theOpsOfOneBatchApplyInTheirOrderAcrossTables() {
        store.commit(new TableBatch()
                .putItem(TABLE, 0, bytes("p"), bytes("1"), bytes("put then deleted"))
                .deleteItem(TABLE, 0, bytes("p"), bytes("1"))
                .deleteItem(TABLE, 0, bytes("p"), bytes("2"))
                .putItem(TABLE, 0, bytes("p"), bytes("2"), bytes("deleted then put"))
                .putItem(TABLE, 1, bytes("i"), bytes("1"), bytes("gone"))
                .deleteIndex(TABLE, 1)
                .putItem(TABLE, 1, bytes("i"), bytes("2"), bytes("after the index delete"))
                .putItem(TABLE + 1, 0, bytes("p"), bytes("1"), bytes("gone"))
                .putTableRecord(TABLE + 1, "table", bytes("gone"))
                .deleteTable(TABLE + 1)
                .putTableRecord(TABLE + 1, "table", bytes("again"))
                .putItem(TABLE + 1, 0, bytes("p"), bytes("2"), bytes("after the table delete")));

        assertThat(values(scan(TABLE, 0, 0, 1, null))).containsExactly("deleted then put");
        assertThat(values(scan(TABLE, 1, 0, 1, null))).containsExactly("after the index delete");
        assertThat(values(scan(TABLE + 1, 0, 0, 1, null))).containsExactly("after the table delete");
        assertThat(tableRecords()).containsExactly("8/table=again");
    }

    @Test
    void readsAndScansHandOutCopies() {
        store.commit(new TableBatch()
                .putItem(TABLE, 0, bytes("p"), bytes("s"), bytes("value"))
                .putTableRecord(TABLE, "table", bytes("record")));

        Objects.requireNonNull(store.readItem(TABLE, 0, bytes("p"), bytes("s")))[0] = 'X';
        store.scanItems(TABLE, 0, 0, 1, null, (partition, sort, value) -> {
            partition[0] = 'X';
            sort[0] = 'X';
            value[0] = 'X';
            return true;
        });
        store.scanPartition(TABLE, 0, bytes("p"), null, null, false, (partition, sort, value) -> {
            value[0] = 'X';
            return true;
        });
        store.scanTables((table, name, value) -> value[0] = 'X');

        assertThat(item(TABLE, 0, "p", "s")).isEqualTo("value");
        assertThat(scan(TABLE, 0, 0, 1, null)).containsExactly(new Visit("70", "73", "value"));
        assertThat(tableRecords()).containsExactly(TABLE + "/table=record");
    }

    @Test
    void submittedBatchesApplyInSubmissionOrderAndShareOneOrderWithTheOtherStores() {
        PendingCommit topic = engine.topics().submit(new TopicBatch().put("topic/a", bytes("t")));
        PendingCommit first = store.submit(new TableBatch().putItem(TABLE, 0, bytes("p"), bytes("s"), bytes("v1")));
        PendingCommit second = store.submit(new TableBatch().putItem(TABLE, 0, bytes("p"), bytes("s"), bytes("v2")));
        second.await();
        // Once the later commit is durable the earlier ones are too, whichever store they went to.
        assertThat(engine.topics().read("topic/a")).isEqualTo(bytes("t"));
        assertThat(item(TABLE, 0, "p", "s")).isEqualTo("v2");
        first.await();
        topic.await();
        assertThat(store.submit(new TableBatch())).isSameAs(PendingCommit.DONE);
    }

    @Test
    void scansAndReadsNeverSeeHalfABatch() throws Exception {
        int commits = 300;
        store.commit(pair(0));
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger scans = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> writer = pool.submit(() -> {
                try {
                    for (int i = 1; i <= commits; i++) {
                        store.commit(pair(i));
                    }
                } finally {
                    writing.set(false);
                }
                return null;
            });
            Future<?> reader = pool.submit(() -> {
                while (writing.get() || scans.get() == 0) {
                    // Each batch moves the pair to new keys and rewrites the other table's entry; a scan is one read.
                    List<Visit> pair = scan(TABLE, 0, 0, 1, null);
                    assertThat(pair).hasSize(2);
                    assertThat(pair.get(0).value()).isEqualTo(pair.get(1).value());
                    assertThat(scan(TABLE + 1, GSI, 0, 1, null)).hasSize(1);
                    scans.incrementAndGet();
                }
                return null;
            });
            writer.get(WAIT_SECONDS, TimeUnit.SECONDS);
            reader.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertThat(values(scan(TABLE, 0, 0, 1, null)))
                .containsExactly(Integer.toString(commits), Integer.toString(commits));
        assertThat(scans.get()).isPositive();
    }

    @Test
    void concurrentCommittersAreEachDurableOnceTheirWaitReturns() throws Exception {
        int threads = 8;
        int perThread = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        byte[] partition = bytes(thread + "/" + i);
                        store.commit(new TableBatch().putItem(TABLE, 0, partition, new byte[0], partition));
                        assertThat(store.readItem(TABLE, 0, partition, new byte[0]))
                                .isEqualTo(partition);
                    }
                    return null;
                }));
            }
            for (Future<?> writer : writers) {
                writer.get(WAIT_SECONDS, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(scan(TABLE, 0, 0, 1, null)).hasSize(threads * perThread);
    }

    @Test
    void badArgumentsAreRejectedWhereTheyAreMade() {
        TableBatch batch = new TableBatch();
        byte[] key = bytes("k");
        assertThatThrownBy(() -> batch.putItem(-1, 0, key, key, key))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a table id must not be negative: -1");
        assertThatThrownBy(() -> batch.putItem(TABLE, -1, key, key, key))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an index must not be negative: -1");
        assertThatThrownBy(() -> batch.putItem(TABLE, 0, new byte[TableBatch.PARTITION_BYTES_MAX + 1], key, key))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> batch.deleteItem(TABLE, 0, key, new byte[TableBatch.SORT_BYTES_MAX + 1]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> batch.deleteTable(Long.MIN_VALUE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> batch.deleteIndex(TABLE, Integer.MIN_VALUE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> batch.putTableRecord(TABLE, "", key))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a table record's name must not be empty");
        assertThatThrownBy(() -> batch.putTableRecord(TABLE, "a\uD800", key))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unpaired surrogate");
        assertThatThrownBy(() -> store.readItem(-1, 0, key, key)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.scanPartition(TABLE, -1, key, null, null, false, (p, s, v) -> true))
                .isInstanceOf(IllegalArgumentException.class);
        for (int[] segment : new int[][] {{0, 0}, {1, 1}, {-1, 2}, {0, TableBatch.SEGMENTS_MAX + 1}}) {
            assertThatThrownBy(() -> store.scanItems(TABLE, 0, segment[0], segment[1], null, (p, s, v) -> true))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("segment " + segment[0] + " of " + segment[1] + " is not a segment");
        }
        // The longest keys are taken.
        store.commit(batch.putItem(
                TABLE,
                0,
                new byte[TableBatch.PARTITION_BYTES_MAX],
                new byte[TableBatch.SORT_BYTES_MAX],
                bytes("longest")));
        assertThat(store.readItem(
                        TABLE, 0, new byte[TableBatch.PARTITION_BYTES_MAX], new byte[TableBatch.SORT_BYTES_MAX]))
                .isEqualTo(bytes("longest"));
    }

    @Test
    void aClosedStoreRefusesEveryCallButAnEmptySubmit() {
        store.commit(new TableBatch().putItem(TABLE, 0, bytes("p"), bytes("s"), bytes("v")));
        engine.close();

        assertThatThrownBy(() -> store.commit(new TableBatch().deleteTable(TABLE)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> store.readItem(TABLE, 0, bytes("p"), bytes("s")))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.scanTables((table, name, value) -> {}))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.scanPartition(TABLE, 0, bytes("p"), null, null, false, (p, s, v) -> true))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() ->
                        store.scanPartition(TABLE, 0, bytes("p"), bytes("b"), bytes("a"), true, (p, s, v) -> true))
                .as("a scan of an empty range")
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.scanItems(TABLE, 0, 0, 1, null, (p, s, v) -> true))
                .isInstanceOf(IllegalStateException.class);
        assertThat(store.submit(new TableBatch())).isSameAs(PendingCommit.DONE);
        engine.close();
    }

    @Test
    void committedDataSurvivesAReopen() {
        assumeTrue(survivesReopen(), "this backend keeps nothing after a close");
        putPartitionsOfEveryKey();
        store.commit(new TableBatch()
                .putTableRecord(TABLE, "table", bytes("t"))
                .putItem(TABLE, GSI, bytes("i"), bytes("s"), bytes("entry"))
                .putItem(TABLE + 1, 0, bytes("gone"), bytes("s"), bytes("gone"))
                .putTableRecord(TABLE + 1, "table", bytes("gone")));
        store.commit(new TableBatch()
                .deleteTable(TABLE + 1)
                .deleteItem(TABLE, 0, bytes("a"), new byte[0])
                .deleteIndex(TABLE, 2));
        List<Visit> before = scan(TABLE, 0, 0, 1, null);

        reopen();

        assertThat(tableRecords()).containsExactly(TABLE + "/table=t");
        assertThat(scan(TABLE, 0, 0, 1, null))
                .isEqualTo(before)
                .hasSize(KEYS_IN_ORDER.size() * KEYS_IN_ORDER.size() - 1);
        assertThat(item(TABLE, GSI, "i", "s")).isEqualTo("entry");
        assertThat(scan(TABLE + 1, 0, 0, 1, null)).isEmpty();
        assertThat(sorts(partition(TABLE, 0, bytes("a"), null, null, true)).getLast())
                .isEqualTo("00");
        store.commit(new TableBatch().putItem(TABLE, 0, bytes("a"), new byte[0], bytes("back")));
        reopen();
        assertThat(item(TABLE, 0, "a", "")).isEqualTo("back");
    }

    /** Puts an item under every pair of keys of {@link #KEYS_IN_ORDER}, valued {@code <partition>/<sort>} in hex. */
    private void putPartitionsOfEveryKey() {
        List<byte[]> shuffled = new ArrayList<>(KEYS_IN_ORDER);
        Collections.shuffle(shuffled, new Random(13));
        for (byte[] partition : shuffled) {
            TableBatch batch = new TableBatch();
            for (byte[] sort : shuffled) {
                batch.putItem(TABLE, 0, partition, sort, bytes(hex(partition) + "/" + hex(sort)));
            }
            store.commit(batch);
        }
    }

    /** Puts {@code count} partitions of three items each, and answers them in the store's order. */
    private List<Visit> putManyPartitions(int count) {
        List<Visit> all = new ArrayList<>();
        TableBatch batch = new TableBatch();
        for (int i = 0; i < count; i++) {
            byte[] partition = bytes("partition-" + i);
            for (String sort : List.of("1", "2", "3")) {
                batch.putItem(TABLE, 0, partition, bytes(sort), bytes(i + "/" + sort));
                all.add(new Visit(hex(partition), hex(bytes(sort)), i + "/" + sort));
            }
        }
        store.commit(batch);
        all.sort(Comparator.comparingLong(
                        (Visit visit) -> TableStore.partitionHash(HexFormat.of().parseHex(visit.partition())))
                .thenComparing(visit -> HexFormat.of().parseHex(visit.partition()), Arrays::compareUnsigned)
                .thenComparing(Visit::sort));
        Set<Long> hashes = new HashSet<>();
        all.forEach(visit -> hashes.add(TableStore.partitionHash(HexFormat.of().parseHex(visit.partition()))));
        assertThat(hashes).as("the partitions spread over the hash space").hasSize(count);
        return all;
    }

    private static TableBatch pair(int i) {
        byte[] value = bytes(Integer.toString(i));
        TableBatch batch = new TableBatch();
        if (i > 0) {
            byte[] previous = bytes(Integer.toString(i - 1));
            batch.deleteItem(TABLE, 0, bytes("left"), previous)
                    .deleteItem(TABLE, 0, bytes("right"), previous)
                    .deleteItem(TABLE + 1, GSI, previous, previous);
        }
        return batch.putItem(TABLE, 0, bytes("left"), value, value)
                .putItem(TABLE, 0, bytes("right"), value, value)
                .putItem(TABLE + 1, GSI, value, value, value)
                .putTableRecord(TABLE, "stats", value);
    }

    private static TableStore.ItemKey keyOf(Visit visit) {
        return new TableStore.ItemKey(
                HexFormat.of().parseHex(visit.partition()), HexFormat.of().parseHex(visit.sort()));
    }

    private List<Visit> partition(
            long table, int index, byte[] partition, byte @Nullable [] from, byte @Nullable [] to, boolean descending) {
        List<Visit> out = new ArrayList<>();
        store.scanPartition(table, index, partition, from, to, descending, (p, sort, value) -> {
            out.add(new Visit(hex(p), hex(sort), new String(value, UTF_8)));
            return true;
        });
        return out;
    }

    private List<Visit> scan(long table, int index, int segment, int total, TableStore.@Nullable ItemKey after) {
        List<Visit> out = new ArrayList<>();
        store.scanItems(table, index, segment, total, after, (partition, sort, value) -> {
            out.add(new Visit(hex(partition), hex(sort), new String(value, UTF_8)));
            return true;
        });
        return out;
    }

    private List<String> tableRecords() {
        List<String> out = new ArrayList<>();
        store.scanTables((table, name, value) -> out.add(table + "/" + name + "=" + new String(value, UTF_8)));
        return out;
    }

    private String item(long table, int index, String partition, String sort) {
        byte[] value = store.readItem(table, index, bytes(partition), bytes(sort));
        if (value == null) {
            throw new AssertionError("no item at " + table + "/" + index + "/" + partition + "/" + sort);
        }
        return new String(value, UTF_8);
    }

    private static List<String> sorts(List<Visit> visits) {
        return visits.stream().map(Visit::sort).toList();
    }

    private static List<String> values(List<Visit> visits) {
        return visits.stream().map(Visit::value).toList();
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }
}
