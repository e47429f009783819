package dev.wharf.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The behaviour that every {@link StreamStore} backend passes: subclass it, open the backend in {@link #open()}, and
 * say in {@link #survivesReopen()} whether committed data outlives a close.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class StreamStoreContractTest {

    private static final long STREAM = 7;
    private static final int MIB = 1024 * 1024;

    /** Sequence numbers in ascending order, around the byte and sign boundaries of both halves. */
    private static final List<SequenceNumber> BOUNDARIES = List.of(
            new SequenceNumber(0, 0),
            new SequenceNumber(0, 1),
            new SequenceNumber(0, 255),
            new SequenceNumber(0, 256),
            new SequenceNumber(0, Long.MAX_VALUE),
            new SequenceNumber(0, Long.MIN_VALUE),
            new SequenceNumber(0, -1),
            new SequenceNumber(1, 0),
            new SequenceNumber(255, 7),
            new SequenceNumber(256, 0),
            new SequenceNumber(Long.MAX_VALUE, -1),
            new SequenceNumber(Long.MIN_VALUE, 0),
            new SequenceNumber(-1, -2),
            new SequenceNumber(-1, -1));

    /** One visited record, its data as text. */
    private record Read(SequenceNumber sequence, long arrivalMillis, String data) {}

    private StorageEngine engine;
    private StreamStore store;

    /**
     * Opens the backend over this test's data. For a durable backend, a second call after the first engine is closed
     * opens the same data again.
     */
    protected abstract StorageEngine open();

    /** Whether committed data survives {@link #reopen()}; the persistence tests are skipped when it does not. */
    protected abstract boolean survivesReopen();

    private void reopen() {
        engine.close();
        engine = open();
        store = engine.streams();
    }

    @BeforeEach
    final void openEngine() {
        engine = open();
        store = engine.streams();
    }

    @AfterEach
    final void closeEngine() {
        engine.close();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }

    private static SequenceNumber seq(long low) {
        return new SequenceNumber(0, low);
    }

    private List<Read> all(long stream, int shard) {
        return read(stream, shard, SequenceNumber.MIN, Integer.MAX_VALUE, Long.MAX_VALUE);
    }

    private List<Read> read(long stream, int shard, SequenceNumber from, int maxRecords, long maxBytes) {
        List<Read> out = new ArrayList<>();
        int visited = store.read(
                stream,
                shard,
                from,
                maxRecords,
                maxBytes,
                (sequence, arrival, data) -> out.add(new Read(sequence, arrival, new String(data, UTF_8))));
        assertThat(visited).isEqualTo(out.size());
        return out;
    }

    private List<SequenceNumber> sequences(long stream, int shard) {
        return all(stream, shard).stream().map(Read::sequence).toList();
    }

    private Map<String, String> metadata() {
        Map<String, String> out = new LinkedHashMap<>();
        store.scanMetadata((stream, name, value) -> out.put(stream + "/" + name, new String(value, UTF_8)));
        return out;
    }

    /** Appends records 1..count to a shard, one per batch, record i arriving at {@code 1000 + 10 * i}. */
    private void appendEach(long stream, int shard, int count) {
        for (int i = 1; i <= count; i++) {
            store.commit(new StreamBatch().append(stream, shard, seq(i), 1000 + 10L * i, bytes("r" + i)));
        }
    }

    @Test
    void aBatchAppendsAcrossShardsAtomicallyAndEachShardReadsInSequenceOrder() {
        store.commit(new StreamBatch()
                .append(STREAM, 0, seq(1), 100, bytes("a"))
                .append(STREAM, 2, seq(1), 100, bytes("b"))
                .append(STREAM, 0, seq(2), 101, bytes("c"))
                .append(STREAM, 1, seq(5), 101, bytes("d"))
                .putMetadata(STREAM, "description", bytes("{}")));

        assertThat(all(STREAM, 0)).containsExactly(new Read(seq(1), 100, "a"), new Read(seq(2), 101, "c"));
        assertThat(all(STREAM, 1)).containsExactly(new Read(seq(5), 101, "d"));
        assertThat(all(STREAM, 2)).containsExactly(new Read(seq(1), 100, "b"));
        assertThat(all(STREAM, 3)).isEmpty();
        assertThat(all(STREAM + 1, 0)).isEmpty();
        assertThat(store.readMetadata(STREAM, "description")).isEqualTo(bytes("{}"));
    }

    @Test
    void submitReturnsACommitThatAwaitsDurability() {
        PendingCommit first = store.submit(new StreamBatch().append(STREAM, 0, seq(1), 1, bytes("a")));
        PendingCommit second = store.submit(new StreamBatch().append(STREAM, 0, seq(2), 2, bytes("b")));
        second.await();
        first.await();
        first.await();

        assertThat(sequences(STREAM, 0)).containsExactly(seq(1), seq(2));
        assertThat(store.submit(new StreamBatch())).isSameAs(PendingCommit.DONE);
    }

    @Test
    void aReadStartsAtItsSequenceIncludedAndStopsAtMaxRecords() {
        appendEach(STREAM, 0, 5);

        assertThat(read(STREAM, 0, seq(3), 10, Long.MAX_VALUE))
                .extracting(Read::data)
                .containsExactly("r3", "r4", "r5");
        assertThat(read(STREAM, 0, seq(2), 2, Long.MAX_VALUE))
                .extracting(Read::data)
                .containsExactly("r2", "r3");
        assertThat(read(STREAM, 0, new SequenceNumber(0, 2).next(), 1, 1))
                .extracting(Read::data)
                .containsExactly("r3");
        assertThat(read(STREAM, 0, seq(6), 10, Long.MAX_VALUE)).isEmpty();
        assertThat(read(STREAM, 0, SequenceNumber.MAX, 10, Long.MAX_VALUE)).isEmpty();
    }

    @Test
    void aReadStopsBeforeTheRecordThatWouldPassMaxBytesButAlwaysVisitsTheFirst() {
        store.commit(new StreamBatch()
                .append(STREAM, 0, seq(1), 1, bytes("aaaa"))
                .append(STREAM, 0, seq(2), 1, bytes("bbbb"))
                .append(STREAM, 0, seq(3), 1, bytes("cccc")));

        assertThat(read(STREAM, 0, SequenceNumber.MIN, 10, 8))
                .extracting(Read::data)
                .containsExactly("aaaa", "bbbb");
        assertThat(read(STREAM, 0, SequenceNumber.MIN, 10, 11))
                .extracting(Read::data)
                .containsExactly("aaaa", "bbbb");
        assertThat(read(STREAM, 0, SequenceNumber.MIN, 10, 12)).hasSize(3);
        assertThat(read(STREAM, 0, seq(2), 10, 1)).extracting(Read::data).containsExactly("bbbb");
    }

    @Test
    void sequencesSortAsUnsigned128BitNumbersAcrossEveryByteBoundary() {
        // Appended in two shuffled halves of batches, so that only the store's key order can put them back in order.
        List<SequenceNumber> reversed = new ArrayList<>(BOUNDARIES);
        java.util.Collections.reverse(reversed);
        for (SequenceNumber sequence : reversed) {
            store.commit(new StreamBatch().append(STREAM, 3, sequence, 5, bytes(sequence.toString())));
        }

        assertThat(sequences(STREAM, 3)).containsExactlyElementsOf(BOUNDARIES);
        assertThat(store.lastSequence(STREAM, 3)).isEqualTo(SequenceNumber.MAX);
        for (int i = 0; i < BOUNDARIES.size(); i++) {
            assertThat(read(STREAM, 3, BOUNDARIES.get(i), 1, Long.MAX_VALUE))
                    .extracting(Read::sequence)
                    .containsExactly(BOUNDARIES.get(i));
        }
        assertThat(all(STREAM, 2)).isEmpty();
        assertThat(all(STREAM, 4)).isEmpty();
    }

    @Test
    void sequenceNumbersCompareAndStepAsUnsigned128BitNumbers() {
        for (int i = 1; i < BOUNDARIES.size(); i++) {
            assertThat(BOUNDARIES.get(i - 1)).isLessThan(BOUNDARIES.get(i));
        }
        assertThat(new SequenceNumber(0, -1).next()).isEqualTo(new SequenceNumber(1, 0));
        assertThat(new SequenceNumber(3, 4).next()).isEqualTo(new SequenceNumber(3, 5));
        assertThatThrownBy(SequenceNumber.MAX::next).isInstanceOf(IllegalStateException.class);
        assertThat(SequenceNumber.MAX.toString()).isEqualTo("ffffffffffffffff:ffffffffffffffff");
    }

    @Test
    void lastSequenceIsTheShardsNewestRecordOrNull() {
        assertThat(store.lastSequence(STREAM, 0)).isNull();
        appendEach(STREAM, 0, 3);
        store.commit(new StreamBatch().append(STREAM, 1, seq(9), 1, bytes("x")));

        assertThat(store.lastSequence(STREAM, 0)).isEqualTo(seq(3));
        assertThat(store.lastSequence(STREAM, 1)).isEqualTo(seq(9));
        assertThat(store.lastSequence(STREAM + 1, 0)).isNull();
    }

    @Test
    void theTimeIndexFindsTheFirstRecordAtOrAfterATime() {
        store.commit(new StreamBatch()
                .append(STREAM, 0, seq(1), 100, bytes("a"))
                .append(STREAM, 0, seq(2), 100, bytes("b"))
                .append(STREAM, 0, seq(3), 100, bytes("c")));
        store.commit(new StreamBatch().append(STREAM, 0, seq(4), 200, bytes("d")));
        store.commit(new StreamBatch()
                .append(STREAM, 0, seq(5), 300, bytes("e"))
                .append(STREAM, 0, seq(6), 301, bytes("f")));
        store.commit(new StreamBatch().append(STREAM, 0, seq(7), 301, bytes("g")));
        store.commit(new StreamBatch().append(STREAM, 1, seq(1), 150, bytes("other shard")));

        assertThat(store.firstSequenceAtOrAfter(STREAM, 0, 0))
                .as("before the first")
                .isEqualTo(seq(1));
        assertThat(store.firstSequenceAtOrAfter(STREAM, 0, 100))
                .as("exact, first of a batch")
                .isEqualTo(seq(1));
        assertThat(store.firstSequenceAtOrAfter(STREAM, 0, 101)).as("between").isEqualTo(seq(4));
        assertThat(store.firstSequenceAtOrAfter(STREAM, 0, 200)).as("exact").isEqualTo(seq(4));
        assertThat(store.firstSequenceAtOrAfter(STREAM, 0, 300)).isEqualTo(seq(5));
        assertThat(store.firstSequenceAtOrAfter(STREAM, 0, 301))
                .as("a time of two batches")
                .isEqualTo(seq(6));
        assertThat(store.firstSequenceAtOrAfter(STREAM, 0, 302))
                .as("after the last")
                .isNull();
        assertThat(store.firstSequenceAtOrAfter(STREAM, 0, Long.MAX_VALUE)).isNull();
        assertThat(store.firstSequenceAtOrAfter(STREAM, 0, -5)).isEqualTo(seq(1));
        assertThat(store.firstSequenceAtOrAfter(STREAM, 1, 0)).isEqualTo(seq(1));
        assertThat(store.firstSequenceAtOrAfter(STREAM, 2, 0)).isNull();
    }

    @Test
    void trimmingBelowASequenceDeletesTheRecordsBelowAndKeepsTheTimeIndexConsistent() {
        // Records 2 to 4 arrive in one millisecond, in one batch: a trim to 3 must leave 3 heading that time.
        store.commit(new StreamBatch().append(STREAM, 0, seq(1), 100, bytes("a")));
        store.commit(new StreamBatch()
                .append(STREAM, 0, seq(2), 200, bytes("b"))
                .append(STREAM, 0, seq(3), 200, bytes("c"))
                .append(STREAM, 0, seq(4), 200, bytes("d")));
        store.commit(new StreamBatch().append(STREAM, 0, seq(5), 300, bytes("e")));
        store.commit(new StreamBatch().append(STREAM, 1, seq(1), 100, bytes("other shard")));

        store.trimBelowSequence(STREAM, 0, seq(3));

        assertThat(sequences(STREAM, 0)).containsExactly(seq(3), seq(4), seq(5));
        assertThat(store.firstSequenceAtOrAfter(STREAM, 0, 0)).isEqualTo(seq(3));
        assertThat(store.firstSequenceAtOrAfter(STREAM, 0, 200)).isEqualTo(seq(3));
        assertThat(store.firstSequenceAtOrAfter(STREAM, 0, 201)).isEqualTo(seq(5));
        assertThat(store.lastSequence(STREAM, 0)).isEqualTo(seq(5));
        assertThat(sequences(STREAM, 1)).containsExactly(seq(1));

        store.trimBelowSequence(STREAM, 0, seq(3));
        assertThat(sequences(STREAM, 0)).containsExactly(seq(3), seq(4), seq(5));

        store.trimBelowSequence(STREAM, 0, seq(5).next());
        assertThat(all(STREAM, 0)).isEmpty();
        assertThat(store.firstSequenceAtOrAfter(STREAM, 0, 0)).isNull();
        assertThat(store.lastSequence(STREAM, 0)).isNull();
        assertThat(sequences(STREAM, 1)).containsExactly(seq(1));

        store.commit(new StreamBatch().append(STREAM, 0, seq(6), 400, bytes("f")));
        assertThat(store.firstSequenceAtOrAfter(STREAM, 0, 0)).isEqualTo(seq(6));
    }

    @Test
    void trimmingBelowASequenceBetweenRecordsKeepsTheNextRecordFindableByTime() {
        appendEach(STREAM, 0, 4);

        store.trimBelowSequence(STREAM, 0, new SequenceNumber(0, 2).next());

        assertThat(sequences(STREAM, 0)).containsExactly(seq(3), seq(4));
        assertThat(store.firstSequenceAtOrAfter(STREAM, 0, 0)).isEqualTo(seq(3));
        assertThat(store.firstSequenceAtOrAfter(STREAM, 0, 1030)).isEqualTo(seq(3));
        assertThat(store.firstSequenceAtOrAfter(STREAM, 0, 1031)).isEqualTo(seq(4));
        store.trimBelowSequence(STREAM, 0, SequenceNumber.MIN);
        store.trimBelowSequence(STREAM, 9, SequenceNumber.MAX);
        assertThat(sequences(STREAM, 0)).containsExactly(seq(3), seq(4));
    }

    @Test
    void trimmingBeforeATimeDeletesTheRecordsThatArrivedBefore() {
        appendEach(STREAM, 0, 5);
        appendEach(STREAM, 1, 5);

        store.trimBeforeTime(STREAM, 0, 1025);

        assertThat(sequences(STREAM, 0)).containsExactly(seq(3), seq(4), seq(5));
        assertThat(store.firstSequenceAtOrAfter(STREAM, 0, 0)).isEqualTo(seq(3));
        assertThat(store.firstSequenceAtOrAfter(STREAM, 0, 1030)).isEqualTo(seq(3));
        assertThat(sequences(STREAM, 1)).hasSize(5);

        store.trimBeforeTime(STREAM, 0, 1040);
        assertThat(sequences(STREAM, 0)).containsExactly(seq(4), seq(5));
        store.trimBeforeTime(STREAM, 0, 0);
        store.trimBeforeTime(STREAM, 0, 1000);
        assertThat(sequences(STREAM, 0)).containsExactly(seq(4), seq(5));

        store.trimBeforeTime(STREAM, 0, 5000);
        assertThat(all(STREAM, 0)).isEmpty();
        assertThat(store.firstSequenceAtOrAfter(STREAM, 0, 0)).isNull();
        assertThat(store.lastSequence(STREAM, 0)).isNull();
        assertThat(sequences(STREAM, 1)).hasSize(5);
        store.trimBeforeTime(STREAM, 0, 5000);
        store.trimBeforeTime(STREAM, 8, 5000);
    }

    @Test
    void trimmingBeforeATimeWithinABatchOfOneMillisecondKeepsTheWholeMillisecond() {
        store.commit(new StreamBatch().append(STREAM, 0, seq(1), 100, bytes("a")));
        store.commit(new StreamBatch()
                .append(STREAM, 0, seq(2), 200, bytes("b"))
                .append(STREAM, 0, seq(3), 200, bytes("c")));

        store.trimBeforeTime(STREAM, 0, 150);

        assertThat(sequences(STREAM, 0)).containsExactly(seq(2), seq(3));
        assertThat(store.firstSequenceAtOrAfter(STREAM, 0, 100)).isEqualTo(seq(2));
        store.trimBeforeTime(STREAM, 0, 200);
        assertThat(sequences(STREAM, 0)).containsExactly(seq(2), seq(3));
        store.trimBeforeTime(STREAM, 0, 201);
        assertThat(all(STREAM, 0)).isEmpty();
    }

    @Test
    void deletingAShardDeletesItsRecordsAndTimeIndexOnly() {
        appendEach(STREAM, 0, 3);
        appendEach(STREAM, 1, 3);

        store.commit(new StreamBatch().deleteShard(STREAM, 0).putMetadata(STREAM, "shards", bytes("[1]")));

        assertThat(all(STREAM, 0)).isEmpty();
        assertThat(store.firstSequenceAtOrAfter(STREAM, 0, 0)).isNull();
        assertThat(store.lastSequence(STREAM, 0)).isNull();
        assertThat(sequences(STREAM, 1)).containsExactly(seq(1), seq(2), seq(3));
        assertThat(store.firstSequenceAtOrAfter(STREAM, 1, 0)).isEqualTo(seq(1));
        assertThat(store.readMetadata(STREAM, "shards")).isEqualTo(bytes("[1]"));
    }

    @Test
    void deletingAStreamDeletesItsMetadataRecordsAndTimeIndexButNotItsNeighbours() {
        for (long stream : new long[] {STREAM - 1, STREAM, STREAM + 1}) {
            store.commit(new StreamBatch()
                    .putMetadata(stream, "description", bytes("d" + stream))
                    .putMetadata(stream, "tags", bytes("t" + stream))
                    .append(stream, 0, seq(1), 10, bytes("a"))
                    .append(stream, Integer.MAX_VALUE, SequenceNumber.MAX, 10, bytes("b")));
        }

        store.commit(new StreamBatch().deleteStream(STREAM));

        assertThat(metadata())
                .containsExactly(
                        Map.entry((STREAM - 1) + "/description", "d" + (STREAM - 1)),
                        Map.entry((STREAM - 1) + "/tags", "t" + (STREAM - 1)),
                        Map.entry((STREAM + 1) + "/description", "d" + (STREAM + 1)),
                        Map.entry((STREAM + 1) + "/tags", "t" + (STREAM + 1)));
        assertThat(all(STREAM, 0)).isEmpty();
        assertThat(all(STREAM, Integer.MAX_VALUE)).isEmpty();
        assertThat(store.firstSequenceAtOrAfter(STREAM, 0, 0)).isNull();
        assertThat(store.lastSequence(STREAM, Integer.MAX_VALUE)).isNull();
        for (long stream : new long[] {STREAM - 1, STREAM + 1}) {
            assertThat(sequences(stream, 0)).containsExactly(seq(1));
            assertThat(sequences(stream, Integer.MAX_VALUE)).containsExactly(SequenceNumber.MAX);
            assertThat(store.firstSequenceAtOrAfter(stream, Integer.MAX_VALUE, 0))
                    .isEqualTo(SequenceNumber.MAX);
        }
    }

    @Test
    void theLargestStreamIdAndShardAreStoresOfTheirOwn() {
        store.commit(new StreamBatch()
                .putMetadata(Long.MAX_VALUE, "description", bytes("last"))
                .append(Long.MAX_VALUE, Integer.MAX_VALUE, seq(1), 1, bytes("a"))
                .append(0, 0, seq(1), 1, bytes("b")));

        store.commit(new StreamBatch().deleteShard(Long.MAX_VALUE, Integer.MAX_VALUE - 1));
        assertThat(sequences(Long.MAX_VALUE, Integer.MAX_VALUE)).containsExactly(seq(1));
        store.commit(new StreamBatch().deleteStream(Long.MAX_VALUE));

        assertThat(metadata()).isEmpty();
        assertThat(all(Long.MAX_VALUE, Integer.MAX_VALUE)).isEmpty();
        assertThat(sequences(0, 0)).containsExactly(seq(1));
    }

    @Test
    void laterOpsOfABatchSeeTheEarlierOnes() {
        store.commit(new StreamBatch()
                .putMetadata(STREAM, "description", bytes("old"))
                .append(STREAM, 0, seq(1), 1, bytes("gone"))
                .deleteStream(STREAM)
                .putMetadata(STREAM, "description", bytes("new"))
                .append(STREAM, 0, seq(2), 1, bytes("kept")));
        store.commit(new StreamBatch()
                .append(STREAM, 1, seq(1), 5, bytes("gone"))
                .deleteShard(STREAM, 1)
                .append(STREAM, 1, seq(2), 5, bytes("kept")));

        assertThat(metadata()).containsExactly(Map.entry(STREAM + "/description", "new"));
        assertThat(all(STREAM, 0)).containsExactly(new Read(seq(2), 1, "kept"));
        assertThat(all(STREAM, 1)).containsExactly(new Read(seq(2), 5, "kept"));
        assertThat(store.firstSequenceAtOrAfter(STREAM, 1, 0)).isEqualTo(seq(2));
    }

    @Test
    void metadataIsPutReplacedDeletedAndScannedInStreamAndUtf8NameOrder() {
        // U+FFFD sorts after U+1F600 in UTF-16 units but before it in UTF-8 bytes, which the scan order is.
        store.commit(new StreamBatch()
                .putMetadata(9, "description", bytes("nine"))
                .putMetadata(2, "\uD83D\uDE00", bytes("emoji"))
                .putMetadata(2, "\uFFFD", bytes("replacement"))
                .putMetadata(2, "consumer/a", bytes("v1"))
                .putMetadata(2, "consumer/b", bytes("b")));
        store.commit(new StreamBatch()
                .putMetadata(2, "consumer/a", bytes("v2"))
                .deleteMetadata(2, "consumer/b")
                .deleteMetadata(3, "missing"));

        assertThat(metadata())
                .containsExactly(
                        Map.entry("2/consumer/a", "v2"),
                        Map.entry("2/\uFFFD", "replacement"),
                        Map.entry("2/\uD83D\uDE00", "emoji"),
                        Map.entry("9/description", "nine"));
        assertThat(store.readMetadata(2, "consumer/a")).isEqualTo(bytes("v2"));
        assertThat(store.readMetadata(2, "consumer/b")).isNull();
        assertThat(store.readMetadata(3, "consumer/a")).isNull();
    }

    @Test
    void readsAndScansHandOutCopies() {
        store.commit(new StreamBatch()
                .putMetadata(STREAM, "description", bytes("meta"))
                .append(STREAM, 0, seq(1), 1, bytes("data")));

        store.read(STREAM, 0, SequenceNumber.MIN, 1, 100, (sequence, arrival, data) -> data[0] = 'X');
        store.scanMetadata((stream, name, value) -> value[0] = 'X');
        Objects.requireNonNull(store.readMetadata(STREAM, "description"))[0] = 'X';

        assertThat(all(STREAM, 0)).extracting(Read::data).containsExactly("data");
        assertThat(store.readMetadata(STREAM, "description")).isEqualTo(bytes("meta"));
    }

    @Test
    void aOneMibRecordRoundTripsAndTenOfThemFillATenMibRead() {
        byte[] big = new byte[MIB];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31 + 7);
        }
        for (int i = 1; i <= 12; i++) {
            store.commit(new StreamBatch().append(STREAM, 0, seq(i), i, big));
        }

        List<byte[]> out = new ArrayList<>();
        int visited = store.read(STREAM, 0, SequenceNumber.MIN, 10_000, 10L * MIB, (s, a, data) -> out.add(data));

        assertThat(visited).isEqualTo(10);
        assertThat(out).allSatisfy(data -> assertThat(data).isEqualTo(big));
        assertThat(read(STREAM, 0, seq(11), 10_000, 10L * MIB)).hasSize(2);
    }

    @Test
    void badArgumentsAreRejectedWhereTheyAreMade() {
        StreamBatch batch = new StreamBatch().append(STREAM, 0, seq(5), 10, bytes("a"));

        assertThatThrownBy(() -> batch.append(STREAM, 0, seq(5), 10, bytes("same sequence")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> batch.append(STREAM, 0, seq(6), 9, bytes("earlier time")))
                .isInstanceOf(IllegalArgumentException.class);
        batch.append(STREAM, 0, seq(6), 10, bytes("b")).append(STREAM, 1, seq(1), 1, bytes("other shard"));
        assertThat(batch.ops()).hasSize(3);
        assertThatThrownBy(() -> new StreamBatch().append(-1, 0, seq(1), 0, bytes("a")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StreamBatch().append(0, -1, seq(1), 0, bytes("a")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StreamBatch().append(0, 0, seq(1), -1, bytes("a")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StreamBatch().putMetadata(0, "", bytes("a")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StreamBatch().putMetadata(0, "bad\uD800", bytes("a")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StreamBatch().deleteMetadata(-1, "a"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StreamBatch().deleteShard(0, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StreamBatch().deleteStream(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.read(STREAM, 0, SequenceNumber.MIN, 0, 1, (s, a, d) -> {}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.read(STREAM, 0, SequenceNumber.MIN, 1, 0, (s, a, d) -> {}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.read(-1, 0, SequenceNumber.MIN, 1, 1, (s, a, d) -> {}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.firstSequenceAtOrAfter(STREAM, -1, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.lastSequence(-1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.trimBelowSequence(STREAM, -1, seq(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.trimBeforeTime(-1, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.readMetadata(STREAM, "")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aClosedStoreRefusesEveryCallButAnEmptySubmit() {
        engine.close();

        assertThatThrownBy(() -> store.commit(new StreamBatch().append(STREAM, 0, seq(1), 1, bytes("a"))))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.scanMetadata((s, n, v) -> {})).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.readMetadata(STREAM, "description")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.read(STREAM, 0, SequenceNumber.MIN, 1, 1, (s, a, d) -> {}))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.firstSequenceAtOrAfter(STREAM, 0, 0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.lastSequence(STREAM, 0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.trimBelowSequence(STREAM, 0, seq(1))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.trimBeforeTime(STREAM, 0, 1)).isInstanceOf(IllegalStateException.class);
        store.commit(new StreamBatch());
    }

    @Test
    void everythingCommittedSurvivesAReopen() {
        assumeTrue(survivesReopen());
        store.commit(new StreamBatch()
                .putMetadata(STREAM, "description", bytes("d"))
                .append(STREAM, 0, seq(1), 100, bytes("a"))
                .append(STREAM, 0, seq(2), 100, bytes("b"))
                .append(STREAM, 1, SequenceNumber.MAX, 200, bytes("c")));
        store.commit(new StreamBatch().append(STREAM, 0, seq(3), 300, bytes("d")));
        store.trimBelowSequence(STREAM, 0, seq(2));

        reopen();

        assertThat(metadata()).containsExactly(Map.entry(STREAM + "/description", "d"));
        assertThat(all(STREAM, 0)).containsExactly(new Read(seq(2), 100, "b"), new Read(seq(3), 300, "d"));
        assertThat(all(STREAM, 1)).containsExactly(new Read(SequenceNumber.MAX, 200, "c"));
        assertThat(store.firstSequenceAtOrAfter(STREAM, 0, 0)).isEqualTo(seq(2));
        assertThat(store.firstSequenceAtOrAfter(STREAM, 0, 101)).isEqualTo(seq(3));
        assertThat(store.lastSequence(STREAM, 0)).isEqualTo(seq(3));
        assertThat(store.lastSequence(STREAM, 1)).isEqualTo(SequenceNumber.MAX);
    }

    @Test
    void concurrentCommitsToManyShardsAreAllKeptInOrder() throws InterruptedException {
        int shards = 8;
        int perShard = 50;
        List<Thread> threads = new ArrayList<>();
        for (int shard = 0; shard < shards; shard++) {
            int s = shard;
            threads.add(Thread.ofVirtual().start(() -> {
                for (int i = 1; i <= perShard; i++) {
                    store.commit(new StreamBatch().append(STREAM, s, seq(i), i, bytes(s + "/" + i)));
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }

        for (int shard = 0; shard < shards; shard++) {
            List<Read> reads = all(STREAM, shard);
            assertThat(reads).hasSize(perShard);
            assertThat(reads.get(perShard - 1).data()).isEqualTo(shard + "/" + perShard);
            assertThat(store.firstSequenceAtOrAfter(STREAM, shard, 25)).isEqualTo(seq(25));
        }
    }
}
