package dev.wharf.storage.rocksdb;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.storage.DurabilityMode;
import dev.wharf.storage.MessageArchiveStore;
import dev.wharf.storage.SequenceNumber;
import dev.wharf.storage.StreamBatch;
import java.nio.file.Files;
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
 * What the RocksDB store adds for Kinesis beyond the contract suite: its column families in data directories written
 * before them, and trims that leave range tombstones rather than one per record.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
final class RocksDbStreamFamiliesTest {

    /** The families of a data directory written before the Kinesis store existed. */
    private static final List<String> FAMILIES_BEFORE_KINESIS = List.of(
            "default",
            "queues",
            "payloads",
            "indexes",
            "sns-resources",
            "sns-messages",
            "sns-deliveries",
            "sns-archive");

    // JUnit injects it before each test.
    @SuppressWarnings("NullAway.Init")
    @TempDir
    Path dataDir;

    @Test
    void aDataDirectoryFromBeforeTheKinesisFamiliesOpensKeepsItsDataAndGainsThem() throws Exception {
        Path rocksDir = dataDir.resolve(RocksDbStorageEngine.ROCKSDB_FOLDER);
        writeArchiveWithoutKinesisFamilies(rocksDir);
        assertThat(families(rocksDir)).containsExactlyElementsOf(FAMILIES_BEFORE_KINESIS);

        try (RocksDbStorageEngine engine = RocksDbStorageEngine.open(dataDir, DurabilityMode.SYNC)) {
            assertThat(engine.archive().last("orders.fifo")).isEqualTo(new MessageArchiveStore.Position(5, 6));
            assertThat(engine.streams().lastSequence(1, 0)).isNull();
            engine.streams()
                    .commit(new StreamBatch()
                            .putMetadata(1, "description", bytes("d"))
                            .append(1, 0, SequenceNumber.MIN, 1, bytes("r")));
        }

        List<String> expected = new ArrayList<>(FAMILIES_BEFORE_KINESIS);
        // CloudWatch's made by the open, then Kinesis's by the first write.
        expected.addAll(List.of(
                "cloudwatch-resources", "cloudwatch-points", "kinesis-streams", "kinesis-records", "kinesis-times"));
        assertThat(families(rocksDir)).containsExactlyElementsOf(expected);
        try (RocksDbStorageEngine engine = RocksDbStorageEngine.open(dataDir, DurabilityMode.SYNC)) {
            assertThat(engine.streams().readMetadata(1, "description")).isEqualTo(bytes("d"));
            assertThat(engine.streams().lastSequence(1, 0)).isEqualTo(SequenceNumber.MIN);
            assertThat(engine.archive().last("orders.fifo")).isEqualTo(new MessageArchiveStore.Position(5, 6));
        }
    }

    @Test
    void aTrimOfManyRecordsIsRangeTombstonesNotOnePerRecord() {
        try (RocksDbStorageEngine engine = RocksDbStorageEngine.open(dataDir, DurabilityMode.RELAXED)) {
            StreamBatch batch = new StreamBatch();
            for (int i = 0; i < 1000; i++) {
                batch.append(1, 0, new SequenceNumber(0, i), i, bytes("r" + i));
            }
            engine.streams().commit(batch);
            int records = RocksDbRecordChunksTest.indexOf("kinesis-records");
            int times = RocksDbRecordChunksTest.indexOf("kinesis-times");
            long deletesBefore = engine.familyProperty(records, "rocksdb.num-deletes-active-mem-table");

            engine.streams().trimBeforeTime(1, 0, 900);
            engine.streams().trimBelowSequence(1, 0, new SequenceNumber(0, 950));

            assertThat(engine.familyProperty(records, "rocksdb.num-deletes-active-mem-table") - deletesBefore)
                    .as("point deletes in the records family")
                    .isZero();
            assertThat(engine.familyProperty(times, "rocksdb.num-deletes-active-mem-table"))
                    .as("point deletes in the time index")
                    .isZero();
            assertThat(engine.streams().lastSequence(1, 0)).isEqualTo(new SequenceNumber(0, 999));
            assertThat(engine.streams().firstSequenceAtOrAfter(1, 0, 0)).isEqualTo(new SequenceNumber(0, 950));
        }
    }

    /** Writes an archive entry the way the store did before it had Kinesis families. */
    private static void writeArchiveWithoutKinesisFamilies(Path rocksDir) throws Exception {
        Files.createDirectories(rocksDir);
        try (DBOptions options = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true);
                ColumnFamilyOptions familyOptions = new ColumnFamilyOptions()) {
            List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
            FAMILIES_BEFORE_KINESIS.forEach(
                    name -> descriptors.add(new ColumnFamilyDescriptor(bytes(name), familyOptions)));
            List<ColumnFamilyHandle> handles = new ArrayList<>();
            try (RocksDB db = RocksDB.open(options, rocksDir.toString(), descriptors, handles)) {
                db.put(handles.get(7), RecordKeys.archiveKey("orders.fifo", 5, 6), bytes("entry"));
                handles.forEach(ColumnFamilyHandle::close);
            }
        }
    }

    private static List<String> families(Path rocksDir) throws Exception {
        try (Options options = new Options()) {
            List<String> names = new ArrayList<>();
            RocksDB.listColumnFamilies(options, rocksDir.toString())
                    .forEach(name -> names.add(new String(name, UTF_8)));
            return names;
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }
}
