package dev.wharf.storage.rocksdb;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.storage.DurabilityMode;
import dev.wharf.storage.SequenceNumber;
import dev.wharf.storage.StreamBatch;
import dev.wharf.storage.StreamStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;

/**
 * The chunks that the RocksDB store keeps a batch's records of one shard in ({@link RecordChunks}): reads, limits and
 * trims that start or end inside one, chunks that fill, and records that the store wrote one per entry before chunks.
 * The contract suite checks the same answers from outside; these place the boundaries inside chunks on purpose.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
final class RocksDbRecordChunksTest {

    // JUnit injects it before each test.
    @SuppressWarnings("NullAway.Init")
    @TempDir
    Path dataDir;

    private record Seen(long sequence, long arrival, String data) {}

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }

    private static SequenceNumber seq(long low) {
        return new SequenceNumber(0, low);
    }

    /** One batch of records 1..count to shard 0 of stream 1, arriving at time 100 + i / 4, data "r<i>". */
    private static StreamBatch records(int from, int count) {
        StreamBatch batch = new StreamBatch();
        for (int i = from; i < from + count; i++) {
            batch.append(1, 0, seq(i), 100 + i / 4, bytes("r" + i));
        }
        return batch;
    }

    private static List<Seen> read(StreamStore store, long from, int maxRecords, long maxBytes) {
        List<Seen> seen = new ArrayList<>();
        int count = store.read(
                1,
                0,
                seq(from),
                maxRecords,
                maxBytes,
                (sequence, arrival, data) -> seen.add(new Seen(sequence.low(), arrival, new String(data, UTF_8))));
        assertThat(count).isEqualTo(seen.size());
        return seen;
    }

    private static List<Long> sequences(List<Seen> seen) {
        return seen.stream().map(Seen::sequence).toList();
    }

    private static List<Long> range(long from, long toInclusive) {
        List<Long> out = new ArrayList<>();
        for (long i = from; i <= toInclusive; i++) {
            out.add(i);
        }
        return out;
    }

    @Test
    void aReadFromInsideAChunkStartsAtItsRecordAndLimitsStopInsideOne() {
        try (RocksDbStorageEngine engine = RocksDbStorageEngine.open(dataDir, DurabilityMode.SYNC)) {
            StreamStore store = engine.streams();
            store.commit(records(1, 10));
            store.commit(records(11, 10));

            assertThat(read(store, 5, 100, Long.MAX_VALUE)).first().isEqualTo(new Seen(5, 101, "r5"));
            assertThat(sequences(read(store, 5, 100, Long.MAX_VALUE))).isEqualTo(range(5, 20));
            assertThat(sequences(read(store, 5, 3, Long.MAX_VALUE))).containsExactly(5L, 6L, 7L);
            // Each record is 2 or 3 bytes: 8 bytes hold r8 r9 r10 but not r11 as well.
            assertThat(sequences(read(store, 8, 100, 8))).containsExactly(8L, 9L, 10L);
            // The first record is visited whatever its size.
            assertThat(sequences(read(store, 12, 100, 1))).containsExactly(12L);
            assertThat(read(store, 21, 100, Long.MAX_VALUE)).isEmpty();
            assertThat(store.lastSequence(1, 0)).isEqualTo(seq(20));
            assertThat(store.firstSequenceAtOrAfter(1, 0, 103)).isEqualTo(seq(12));
        }
    }

    @Test
    void aTrimInsideAChunkKeepsItsTailAndTheTimeIndexFromItAcrossARestart() {
        try (RocksDbStorageEngine engine = RocksDbStorageEngine.open(dataDir, DurabilityMode.SYNC)) {
            StreamStore store = engine.streams();
            store.commit(records(1, 10));
            store.commit(records(11, 10));
            store.trimBelowSequence(1, 0, seq(6));
            assertThat(sequences(read(store, 0, 100, Long.MAX_VALUE))).isEqualTo(range(6, 20));
            // Record 6 arrived at 101 with record 4 and 5, which are gone: it heads its time now.
            assertThat(store.firstSequenceAtOrAfter(1, 0, 0)).isEqualTo(seq(6));

            // Records 12 to 15 arrived at 103; the time trim keeps them and everything after.
            store.trimBeforeTime(1, 0, 103);
            assertThat(sequences(read(store, 0, 100, Long.MAX_VALUE))).isEqualTo(range(12, 20));
        }
        try (RocksDbStorageEngine engine = RocksDbStorageEngine.open(dataDir, DurabilityMode.SYNC)) {
            StreamStore store = engine.streams();
            assertThat(sequences(read(store, 0, 100, Long.MAX_VALUE))).isEqualTo(range(12, 20));
            assertThat(store.lastSequence(1, 0)).isEqualTo(seq(20));
            store.trimBelowSequence(1, 0, seq(21));
            assertThat(read(store, 0, 100, Long.MAX_VALUE)).isEmpty();
            assertThat(store.lastSequence(1, 0)).isNull();
        }
    }

    @Test
    void aBatchLargerThanAChunkIsSeveralAndARecordLargerThanOneIsAChunkOfItsOwn() {
        try (RocksDbStorageEngine engine = RocksDbStorageEngine.open(dataDir, DurabilityMode.RELAXED)) {
            StreamStore store = engine.streams();
            int count = RecordChunks.MAX_RECORDS * 2 + 7;
            store.commit(records(1, count));
            byte[] large = new byte[RecordChunks.MAX_BYTES + 1];
            store.commit(new StreamBatch()
                    .append(1, 0, seq(count + 1), 5_000, bytes("small"))
                    .append(1, 0, seq(count + 2), 5_000, large)
                    .append(1, 0, seq(count + 3), 5_000, bytes("after")));

            assertThat(sequences(read(store, 0, 10_000, Long.MAX_VALUE))).isEqualTo(range(1, count + 3));
            List<Seen> tail = read(store, count + 1, 10, Long.MAX_VALUE);
            assertThat(tail.get(1).data()).hasSize(large.length);
            assertThat(tail.get(2).data()).isEqualTo("after");
            // 1,000 + 1,000 + 7 records, then "small", the large record alone, and "after".
            assertThat(chunkKeys(engine)).isEqualTo(6L);
        }
    }

    @Test
    void appendsBeforeADeletionInTheSameBatchAreDeletedAndThoseAfterItKept() {
        try (RocksDbStorageEngine engine = RocksDbStorageEngine.open(dataDir, DurabilityMode.SYNC)) {
            StreamStore store = engine.streams();
            store.commit(new StreamBatch()
                    .append(1, 0, seq(1), 1, bytes("gone"))
                    .deleteShard(1, 0)
                    .append(1, 0, seq(2), 1, bytes("kept")));
            assertThat(read(store, 0, 10, Long.MAX_VALUE)).containsExactly(new Seen(2, 1, "kept"));
        }
    }

    @Test
    void recordsWrittenOnePerEntryBeforeChunksAreReadAndTrimmedWithTheChunksAfterThem() throws Exception {
        Path rocksDir = dataDir.resolve(RocksDbStorageEngine.ROCKSDB_FOLDER);
        try (RocksDbStorageEngine engine = RocksDbStorageEngine.open(dataDir, DurabilityMode.SYNC)) {
            engine.streams().commit(new StreamBatch().putMetadata(1, "description", bytes("d")));
        }
        // Records 1 to 3 as the store wrote them before chunks: one entry each, keyed by the record, the data alone.
        writeRecordsAlone(rocksDir, 1, 3);
        try (RocksDbStorageEngine engine = RocksDbStorageEngine.open(dataDir, DurabilityMode.SYNC)) {
            StreamStore store = engine.streams();
            assertThat(store.lastSequence(1, 0)).isEqualTo(seq(3));
            store.commit(records(4, 4));
            assertThat(read(store, 2, 100, Long.MAX_VALUE))
                    .containsExactly(
                            new Seen(2, 7, "old2"),
                            new Seen(3, 7, "old3"),
                            new Seen(4, 101, "r4"),
                            new Seen(5, 101, "r5"),
                            new Seen(6, 101, "r6"),
                            new Seen(7, 101, "r7"));
            store.trimBelowSequence(1, 0, seq(3));
            assertThat(sequences(read(store, 0, 100, Long.MAX_VALUE))).isEqualTo(range(3, 7));
            store.trimBelowSequence(1, 0, seq(5));
            assertThat(sequences(read(store, 0, 100, Long.MAX_VALUE))).isEqualTo(range(5, 7));
        }
    }

    private static void writeRecordsAlone(Path rocksDir, int from, int toInclusive) throws Exception {
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        try (ColumnFamilyOptions familyOptions = new ColumnFamilyOptions();
                // The engine made the families it wrote to; the raw open makes the others that an old one had.
                DBOptions options = new DBOptions().setCreateMissingColumnFamilies(true)) {
            for (byte[] name : RocksDbStorageEngine.FAMILIES) {
                // A data directory from before DynamoDB, whose families come last: Kinesis's were made at open then.
                if (!new String(name, UTF_8).startsWith("dynamodb-")) {
                    descriptors.add(new ColumnFamilyDescriptor(name, familyOptions));
                }
            }
            List<ColumnFamilyHandle> handles = new ArrayList<>();
            try (RocksDB db = RocksDB.open(options, rocksDir.toString(), descriptors, handles)) {
                ColumnFamilyHandle records = handles.get(indexOf("kinesis-records"));
                ColumnFamilyHandle times = handles.get(indexOf("kinesis-times"));
                for (int i = from; i <= toInclusive; i++) {
                    db.put(records, RecordKeys.streamRecordKey(1, 0, seq(i), 7), bytes("old" + i));
                }
                db.put(times, RecordKeys.streamTimeKey(1, 0, 7, seq(from)), new byte[0]);
                handles.forEach(ColumnFamilyHandle::close);
            }
        }
    }

    /** A family's index in {@link RocksDbStorageEngine#FAMILIES}, by its name. */
    static int indexOf(String family) {
        for (int i = 0; i < RocksDbStorageEngine.FAMILIES.size(); i++) {
            if (new String(RocksDbStorageEngine.FAMILIES.get(i), UTF_8).equals(family)) {
                return i;
            }
        }
        throw new IllegalArgumentException(family);
    }

    /** The entries in the records family's memtable: a relaxed store that wrote little has flushed none. */
    private static long chunkKeys(RocksDbStorageEngine engine) {
        int records = indexOf("kinesis-records");
        return engine.familyProperty(records, "rocksdb.num-entries-active-mem-table");
    }
}
