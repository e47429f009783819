package dev.wharf.storage.rocksdb;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.storage.ArchiveBatch;
import dev.wharf.storage.DurabilityMode;
import dev.wharf.storage.MessageArchiveStore;
import dev.wharf.storage.StreamBatch;
import dev.wharf.storage.TableBatch;
import dev.wharf.storage.TableStore;
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
 * What the RocksDB store adds for DynamoDB beyond the contract suite: its column families in data directories written
 * before them, the families made by a store's first write (DynamoDB's, SNS's archive, Kinesis's), deleted tables and indexes as range tombstones, and the escape of partition keys.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
final class RocksDbTableFamiliesTest {

    /** The families of a data directory written before the DynamoDB store existed. */
    private static final List<String> FAMILIES_BEFORE_DYNAMODB = List.of(
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
            "kinesis-times",
            "cloudwatch-resources",
            "cloudwatch-points");

    /** The families that a new data directory's first open makes: every one but those made by a first write. */
    private static final List<String> FAMILIES_AT_OPEN = FAMILIES_BEFORE_DYNAMODB.stream()
            .filter(name -> !RocksDbStorageEngine.ON_DEMAND_FAMILIES.contains(name))
            .toList();

    // JUnit injects it before each test.
    @SuppressWarnings("NullAway.Init")
    @TempDir
    Path dataDir;

    @Test
    void aDataDirectoryFromBeforeTheDynamoDbFamiliesOpensKeepsItsDataAndGainsThem() throws Exception {
        Path rocksDir = dataDir.resolve(RocksDbStorageEngine.ROCKSDB_FOLDER);
        writeWithoutDynamoDbFamilies(rocksDir);

        try (RocksDbStorageEngine engine = RocksDbStorageEngine.open(dataDir, DurabilityMode.SYNC)) {
            assertThat(engine.metrics().readResource("alarm/a")).isEqualTo(bytes("a"));
            assertThat(engine.tables().readItem(1, 0, bytes("p"), bytes("s"))).isNull();
            engine.tables().commit(new TableBatch().putItem(1, 0, bytes("p"), bytes("s"), bytes("item")));
        }

        List<String> expected = new ArrayList<>(FAMILIES_BEFORE_DYNAMODB);
        expected.addAll(List.of("dynamodb-tables", "dynamodb-items"));
        assertThat(families(rocksDir)).containsExactlyInAnyOrderElementsOf(expected);
        try (RocksDbStorageEngine engine = RocksDbStorageEngine.open(dataDir, DurabilityMode.SYNC)) {
            assertThat(engine.tables().readItem(1, 0, bytes("p"), bytes("s"))).isEqualTo(bytes("item"));
            assertThat(engine.metrics().readResource("alarm/a")).isEqualTo(bytes("a"));
        }
    }

    @Test
    void theFamiliesAreMadeByTheFirstWriteAndOpenedFromThenOn() throws Exception {
        Path rocksDir = dataDir.resolve(RocksDbStorageEngine.ROCKSDB_FOLDER);
        try (RocksDbStorageEngine engine = RocksDbStorageEngine.open(dataDir, DurabilityMode.SYNC)) {
            assertThat(engine.tables().readItem(1, 0, bytes("p"), bytes("s"))).isNull();
            engine.tables().scanTables((table, name, value) -> {
                throw new AssertionError("a record in a family not made yet");
            });
            engine.tables().commit(new TableBatch());
        }
        assertThat(families(rocksDir)).containsExactlyElementsOf(FAMILIES_AT_OPEN);

        try (RocksDbStorageEngine engine = RocksDbStorageEngine.open(dataDir, DurabilityMode.SYNC)) {
            engine.tables().commit(new TableBatch().putTableRecord(1, "table", bytes("t")));
            assertThat(families(rocksDir)).contains("dynamodb-tables", "dynamodb-items");
        }
        try (RocksDbStorageEngine engine = RocksDbStorageEngine.open(dataDir, DurabilityMode.SYNC)) {
            List<String> records = new ArrayList<>();
            engine.tables().scanTables((table, name, value) -> records.add(table + "/" + name));
            assertThat(records).containsExactly("1/table");
        }
    }

    @Test
    void theArchiveAndKinesisFamiliesAreMadeByTheirFirstWritesToo() throws Exception {
        Path rocksDir = dataDir.resolve(RocksDbStorageEngine.ROCKSDB_FOLDER);
        try (RocksDbStorageEngine engine = RocksDbStorageEngine.open(dataDir, DurabilityMode.SYNC)) {
            assertThat(engine.archive().scan("topic", 0, 0, Long.MAX_VALUE, 10, (time, sequence, payload) -> {
                        throw new AssertionError("an entry in a family not made yet");
                    }))
                    .isZero();
            assertThat(engine.archive().last("topic")).isNull();
            assertThat(engine.archive().purge("topic", Long.MAX_VALUE, 10)).isZero();
            engine.streams().scanMetadata((stream, name, value) -> {
                throw new AssertionError("a stream in a family not made yet");
            });
            assertThat(engine.streams().readMetadata(1, "stream")).isNull();
            assertThat(engine.streams().lastSequence(1, 0)).isNull();
            engine.streams().trimBeforeTime(1, 0, 1_000);
        }
        assertThat(families(rocksDir)).containsExactlyElementsOf(FAMILIES_AT_OPEN);

        try (RocksDbStorageEngine engine = RocksDbStorageEngine.open(dataDir, DurabilityMode.SYNC)) {
            engine.archive().commit(new ArchiveBatch().append("topic", 5, 1, bytes("m")));
            assertThat(families(rocksDir)).contains("sns-archive").doesNotContain("kinesis-streams");
            engine.streams().commit(new StreamBatch().putMetadata(1, "stream", bytes("s")));
            assertThat(families(rocksDir)).contains("kinesis-streams", "kinesis-records", "kinesis-times");
        }
        try (RocksDbStorageEngine engine = RocksDbStorageEngine.open(dataDir, DurabilityMode.SYNC)) {
            assertThat(engine.archive().last("topic")).isEqualTo(new MessageArchiveStore.Position(5, 1));
            assertThat(engine.streams().readMetadata(1, "stream")).isEqualTo(bytes("s"));
        }
    }

    @Test
    void deletedTablesAndIndexesAreRangeTombstonesNotOnePerItem() {
        try (RocksDbStorageEngine engine = RocksDbStorageEngine.open(dataDir, DurabilityMode.RELAXED)) {
            TableBatch batch = new TableBatch();
            for (int i = 0; i < 1000; i++) {
                batch.putItem(1, 0, bytes("p" + i), bytes("s"), bytes("v" + i))
                        .putItem(2, 0, bytes("p" + i), new byte[0], bytes("v" + i))
                        .putItem(2, 3, bytes("g" + i), bytes("p" + i), bytes("v" + i));
            }
            engine.tables().commit(batch.putTableRecord(1, "table", bytes("t")));
            int items = RocksDbRecordChunksTest.indexOf("dynamodb-items");
            int tables = RocksDbRecordChunksTest.indexOf("dynamodb-tables");

            engine.tables().commit(new TableBatch().deleteTable(1).deleteIndex(2, 3));

            assertThat(engine.familyProperty(items, "rocksdb.num-deletes-active-mem-table"))
                    .as("point deletes in the items family")
                    .isZero();
            assertThat(engine.familyProperty(tables, "rocksdb.num-deletes-active-mem-table"))
                    .as("point deletes in the tables family")
                    .isZero();
            List<String> kept = new ArrayList<>();
            for (int index : List.of(0, 3)) {
                for (long table : List.of(1L, 2L)) {
                    engine.tables().scanItems(table, index, 0, 1, null, (partition, sort, value) -> {
                        kept.add(table + "/" + index);
                        return true;
                    });
                }
            }
            assertThat(kept).hasSize(1000).containsOnly("2/0");
        }
    }

    @Test
    void partitionKeysAreEscapedSoThatTheyEndWhereNoKeyCanAndDecodeBack() {
        byte[] partition = {0, 'a', 0, (byte) 0xFF, 1, 0};
        byte[] sort = {0, 1, 0, 2};
        byte[] key = ItemKeys.itemKey(5, 2, partition, sort);

        TableStore.ItemKey decoded = ItemKeys.itemOf(key);
        assertThat(decoded.partition()).isEqualTo(partition);
        assertThat(decoded.sort()).isEqualTo(sort);
        byte[] start = ItemKeys.partitionStart(5, 2, partition);
        assertThat(java.util.Arrays.copyOfRange(start, ItemKeys.PARTITION_OFFSET, start.length))
                .containsExactly(0, 0xFF, 'a', 0, 0xFF, 0xFF, 1, 0, 0xFF, 0, 1);
        assertThat(ItemKeys.partitionEnd(start)).endsWith(0, 2);
        assertThat(ItemKeys.itemOf(ItemKeys.itemKey(5, 2, new byte[0], new byte[0]))
                        .partition())
                .isEmpty();
    }

    /** Writes a CloudWatch resource the way the store did before it had DynamoDB families. */
    private static void writeWithoutDynamoDbFamilies(Path rocksDir) throws Exception {
        Files.createDirectories(rocksDir);
        try (DBOptions options = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true);
                ColumnFamilyOptions familyOptions = new ColumnFamilyOptions()) {
            List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
            FAMILIES_BEFORE_DYNAMODB.forEach(
                    name -> descriptors.add(new ColumnFamilyDescriptor(bytes(name), familyOptions)));
            List<ColumnFamilyHandle> handles = new ArrayList<>();
            try (RocksDB db = RocksDB.open(options, rocksDir.toString(), descriptors, handles)) {
                db.put(handles.get(11), RecordKeys.resourceKey("alarm/a"), bytes("a"));
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
