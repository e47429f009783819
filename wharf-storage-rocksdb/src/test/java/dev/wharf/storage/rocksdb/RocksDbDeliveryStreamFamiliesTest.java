package dev.wharf.storage.rocksdb;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.storage.DeliveryStreamBatch;
import dev.wharf.storage.DurabilityMode;
import dev.wharf.storage.TopicBatch;
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
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

/**
 * What the RocksDB store adds for Firehose beyond the contract suite: its column families made by the first write, not
 * by an idle engine, and deliveries, deleted streams and prefix deletes that leave range tombstones rather than one per
 * record.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
final class RocksDbDeliveryStreamFamiliesTest {

    private static final List<String> FIREHOSE_FAMILIES = List.of("firehose-resources", "firehose-records");

    // JUnit injects it before each test.
    @SuppressWarnings("NullAway.Init")
    @TempDir
    Path dataDir;

    @Test
    void anEngineWhoseFirehoseStoreOnlyReadsMakesNeitherFamily() throws Exception {
        try (RocksDbStorageEngine engine = RocksDbStorageEngine.open(dataDir, DurabilityMode.SYNC)) {
            assertThat(engine.deliveryStreams().readResource("stream/a")).isNull();
            engine.deliveryStreams().scanResources("", (key, value) -> {
                throw new AssertionError("a resource in a family not made yet");
            });
            engine.deliveryStreams().scanRecords(1, 0, (sequence, value) -> {
                throw new AssertionError("a record in a family not made yet");
            });
            engine.deliveryStreams().commit(new DeliveryStreamBatch());
            // Another store's write makes only its own families.
            engine.topics().commit(new TopicBatch().put("topic/a", bytes("t")));
        }

        assertThat(FIREHOSE_FAMILIES).allMatch(RocksDbStorageEngine.ON_DEMAND_FAMILIES::contains);
        assertThat(families()).doesNotContainAnyElementsOf(FIREHOSE_FAMILIES);
    }

    @Test
    void theFamiliesAreMadeByTheFirstWriteAndOpenedFromThenOn() throws Exception {
        try (RocksDbStorageEngine engine = RocksDbStorageEngine.open(dataDir, DurabilityMode.SYNC)) {
            engine.deliveryStreams()
                    .commit(new DeliveryStreamBatch()
                            .putResource("stream/a", bytes("a"))
                            .putRecord(1, 0, bytes("r")));
            assertThat(families()).containsAll(FIREHOSE_FAMILIES);
        }
        try (RocksDbStorageEngine engine = RocksDbStorageEngine.open(dataDir, DurabilityMode.SYNC)) {
            assertThat(engine.deliveryStreams().readResource("stream/a")).isEqualTo(bytes("a"));
            List<Long> sequences = new ArrayList<>();
            engine.deliveryStreams().scanRecords(1, 0, (sequence, value) -> sequences.add(sequence));
            assertThat(sequences).containsExactly(0L);
        }
    }

    @Test
    void aDataDirectoryWithOnlyOneOfTheFamiliesMakesTheOtherOnTheFirstWrite() throws Exception {
        Path rocksDir = dataDir.resolve(RocksDbStorageEngine.ROCKSDB_FOLDER);
        try (RocksDbStorageEngine engine = RocksDbStorageEngine.open(dataDir, DurabilityMode.SYNC)) {
            engine.topics().commit(new TopicBatch().put("topic/a", bytes("t")));
        }
        // As a crash between the two makes leaves it.
        addFamily(rocksDir, "firehose-resources");

        try (RocksDbStorageEngine engine = RocksDbStorageEngine.open(dataDir, DurabilityMode.SYNC)) {
            assertThat(engine.deliveryStreams().readResource("stream/a")).isNull();
            engine.deliveryStreams().commit(new DeliveryStreamBatch().putRecord(2, 5, bytes("r")));
        }
        assertThat(families()).containsAll(FIREHOSE_FAMILIES);
        try (RocksDbStorageEngine engine = RocksDbStorageEngine.open(dataDir, DurabilityMode.SYNC)) {
            List<Long> sequences = new ArrayList<>();
            engine.deliveryStreams().scanRecords(2, 0, (sequence, value) -> sequences.add(sequence));
            assertThat(sequences).containsExactly(5L);
            assertThat(engine.topics().read("topic/a")).isEqualTo(bytes("t"));
        }
    }

    @Test
    void deliveriesStreamAndPrefixDeletesAreRangeTombstonesNotOnePerRecord() {
        try (RocksDbStorageEngine engine = RocksDbStorageEngine.open(dataDir, DurabilityMode.RELAXED)) {
            DeliveryStreamBatch batch = new DeliveryStreamBatch();
            for (int i = 0; i < 1000; i++) {
                batch.putRecord(1, i, bytes("r" + i)).putRecord(2, i, bytes("q" + i));
                batch.putResource("stream/" + i, bytes("s" + i));
            }
            engine.deliveryStreams().commit(batch);
            int resources = RocksDbRecordChunksTest.indexOf("firehose-resources");
            int records = RocksDbRecordChunksTest.indexOf("firehose-records");

            engine.deliveryStreams()
                    .commit(new DeliveryStreamBatch()
                            .deleteRecordsBefore(1, 900)
                            .deleteStreamRecords(2)
                            .deleteResourcePrefix("stream/"));

            assertThat(engine.familyProperty(records, "rocksdb.num-deletes-active-mem-table"))
                    .as("point deletes in the records family")
                    .isZero();
            assertThat(engine.familyProperty(resources, "rocksdb.num-deletes-active-mem-table"))
                    .as("point deletes in the resources family")
                    .isZero();
            List<Long> kept = new ArrayList<>();
            engine.deliveryStreams().scanRecords(1, 0, (sequence, value) -> kept.add(sequence));
            assertThat(kept).hasSize(100).startsWith(900L);
            engine.deliveryStreams().scanRecords(2, 0, (sequence, value) -> {
                throw new AssertionError("a record of a deleted stream: " + sequence);
            });
            engine.deliveryStreams().scanResources("", (key, value) -> {
                throw new AssertionError("a resource under a deleted prefix: " + key);
            });
        }
    }

    @Test
    void aRecordKeyIsTheStreamIdThenTheSequenceBigEndian() {
        assertThat(RecordKeys.firehoseRecordKey(0x0102, 0x0A0B))
                .containsExactly(0, 0, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 0, 0, 0x0A, 0x0B);
        byte[] last = RecordKeys.firehoseRecordKey(Long.MAX_VALUE, Long.MAX_VALUE);
        assertThat(RecordKeys.firehoseSequenceOf(last)).isEqualTo(Long.MAX_VALUE);
        // The end of the last stream still sorts after every key of it.
        assertThat(java.util.Arrays.compareUnsigned(last, RecordKeys.firehoseRecordsEnd(Long.MAX_VALUE)))
                .isNegative();
    }

    /** Adds one column family to a closed engine's data directory, keeping the others. */
    private static void addFamily(Path rocksDir, String name) throws Exception {
        List<byte[]> existing;
        try (Options options = new Options()) {
            existing = RocksDB.listColumnFamilies(options, rocksDir.toString());
        }
        try (DBOptions options = new DBOptions();
                ColumnFamilyOptions familyOptions = new ColumnFamilyOptions()) {
            List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
            existing.forEach(family -> descriptors.add(new ColumnFamilyDescriptor(family, familyOptions)));
            List<ColumnFamilyHandle> handles = new ArrayList<>();
            try (RocksDB db = RocksDB.open(options, rocksDir.toString(), descriptors, handles)) {
                handles.add(db.createColumnFamily(new ColumnFamilyDescriptor(bytes(name), familyOptions)));
                handles.forEach(ColumnFamilyHandle::close);
            }
        }
    }

    private List<String> families() throws Exception {
        try (Options options = new Options()) {
            List<String> names = new ArrayList<>();
            RocksDB.listColumnFamilies(
                            options,
                            dataDir.resolve(RocksDbStorageEngine.ROCKSDB_FOLDER).toString())
                    .forEach(name -> names.add(new String(name, UTF_8)));
            return names;
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }
}
