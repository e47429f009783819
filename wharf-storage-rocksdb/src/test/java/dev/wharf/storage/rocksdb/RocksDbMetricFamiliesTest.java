package dev.wharf.storage.rocksdb;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.storage.DurabilityMode;
import dev.wharf.storage.MetricBatch;
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
 * What the RocksDB store adds for CloudWatch beyond the contract suite: its column families in data directories written
 * before them, and retention, series and prefix deletes that leave range tombstones rather than one per record.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
final class RocksDbMetricFamiliesTest {

    /** The families of a data directory written before the CloudWatch store existed. */
    private static final List<String> FAMILIES_BEFORE_CLOUDWATCH = List.of(
            "default",
            "queues",
            "payloads",
            "indexes",
            "sns-resources",
            "sns-messages",
            "sns-deliveries",
            "sns-archive",
            "kinesis-streams",
            "kinesis-records",
            "kinesis-times");

    // JUnit injects it before each test.
    @SuppressWarnings("NullAway.Init")
    @TempDir
    Path dataDir;

    @Test
    void aDataDirectoryFromBeforeTheCloudWatchFamiliesOpensKeepsItsDataAndGainsThem() throws Exception {
        Path rocksDir = dataDir.resolve(RocksDbStorageEngine.ROCKSDB_FOLDER);
        writeStreamWithoutCloudWatchFamilies(rocksDir);
        assertThat(families(rocksDir)).containsExactlyElementsOf(FAMILIES_BEFORE_CLOUDWATCH);

        try (RocksDbStorageEngine engine = RocksDbStorageEngine.open(dataDir, DurabilityMode.SYNC)) {
            assertThat(engine.streams().readMetadata(1, "description")).isEqualTo(bytes("d"));
            assertThat(engine.metrics().readResource("alarm/a")).isNull();
            engine.metrics()
                    .commit(new MetricBatch().putResource("alarm/a", bytes("a")).putPoint(1, 60, -60, bytes("p")));
        }

        List<String> expected = new ArrayList<>(FAMILIES_BEFORE_CLOUDWATCH);
        expected.addAll(List.of("cloudwatch-resources", "cloudwatch-points", "dynamodb-tables", "dynamodb-items"));
        assertThat(families(rocksDir)).containsExactlyElementsOf(expected);
        try (RocksDbStorageEngine engine = RocksDbStorageEngine.open(dataDir, DurabilityMode.SYNC)) {
            assertThat(engine.metrics().readResource("alarm/a")).isEqualTo(bytes("a"));
            assertThat(engine.metrics().readPoint(1, 60, -60)).isEqualTo(bytes("p"));
            assertThat(engine.streams().readMetadata(1, "description")).isEqualTo(bytes("d"));
            engine.streams().commit(new StreamBatch().append(1, 0, SequenceNumber.MIN, 1, bytes("r")));
        }
    }

    @Test
    void retentionSeriesAndPrefixDeletesAreRangeTombstonesNotOnePerRecord() {
        try (RocksDbStorageEngine engine = RocksDbStorageEngine.open(dataDir, DurabilityMode.RELAXED)) {
            MetricBatch batch = new MetricBatch();
            for (int i = 0; i < 1000; i++) {
                batch.putPoint(1, 60, 60L * i, bytes("p" + i)).putPoint(2, 300, i, bytes("q" + i));
                batch.putResource("alarm/" + i, bytes("a" + i));
            }
            engine.metrics().commit(batch);
            int resources = RocksDbRecordChunksTest.indexOf("cloudwatch-resources");
            int points = RocksDbRecordChunksTest.indexOf("cloudwatch-points");

            engine.metrics()
                    .commit(new MetricBatch()
                            .deletePointsBefore(1, 60, 60L * 900)
                            .deleteSeriesPoints(2)
                            .deleteResourcePrefix("alarm/"));

            assertThat(engine.familyProperty(points, "rocksdb.num-deletes-active-mem-table"))
                    .as("point deletes in the points family")
                    .isZero();
            assertThat(engine.familyProperty(resources, "rocksdb.num-deletes-active-mem-table"))
                    .as("point deletes in the resources family")
                    .isZero();
            List<Long> kept = new ArrayList<>();
            engine.metrics().scanPoints(1, 60, Long.MIN_VALUE, Long.MAX_VALUE, (time, value) -> kept.add(time));
            assertThat(kept).hasSize(100).startsWith(60L * 900);
            engine.metrics().scanPoints(2, 300, Long.MIN_VALUE, Long.MAX_VALUE, (time, value) -> {
                throw new AssertionError("a point of a deleted series: " + time);
            });
            engine.metrics().scanResources("", (key, value) -> {
                throw new AssertionError("a resource under a deleted prefix: " + key);
            });
        }
    }

    /** Writes a stream's metadata the way the store did before it had CloudWatch families. */
    private static void writeStreamWithoutCloudWatchFamilies(Path rocksDir) throws Exception {
        Files.createDirectories(rocksDir);
        try (DBOptions options = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true);
                ColumnFamilyOptions familyOptions = new ColumnFamilyOptions()) {
            List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
            FAMILIES_BEFORE_CLOUDWATCH.forEach(
                    name -> descriptors.add(new ColumnFamilyDescriptor(bytes(name), familyOptions)));
            List<ColumnFamilyHandle> handles = new ArrayList<>();
            try (RocksDB db = RocksDB.open(options, rocksDir.toString(), descriptors, handles)) {
                db.put(handles.get(8), RecordKeys.streamMetadataKey(1, "description"), bytes("d"));
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
