package dev.wharf.storage.rocksdb;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.storage.ArchiveBatch;
import dev.wharf.storage.BrokerBatch;
import dev.wharf.storage.DeliveryBatch;
import dev.wharf.storage.DeliveryStreamBatch;
import dev.wharf.storage.DurabilityMode;
import dev.wharf.storage.ObjectBatch;
import dev.wharf.storage.PendingCommit;
import dev.wharf.storage.QueueBatch;
import dev.wharf.storage.StreamBatch;
import dev.wharf.storage.TableBatch;
import dev.wharf.storage.TopicBatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
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
 * What the RocksDB store adds for SNS beyond the contract suites: its column families in data directories written
 * before them, their share of the memory bounds, and one commit order with the queue store.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
final class RocksDbSnsFamiliesTest {

    /** The families of a data directory written before the SNS stores existed. */
    private static final List<String> FAMILIES_BEFORE_SNS = List.of("default", "queues", "payloads", "indexes");

    // JUnit injects it before each test.
    @SuppressWarnings("NullAway.Init")
    @TempDir
    Path dataDir;

    @Test
    void aDataDirectoryFromBeforeTheSnsFamiliesOpensAndGainsThem() throws Exception {
        Path rocksDir = dataDir.resolve(RocksDbStorageEngine.ROCKSDB_FOLDER);
        writeQueueWithoutSnsFamilies(rocksDir);
        assertThat(families(rocksDir)).containsExactlyElementsOf(FAMILIES_BEFORE_SNS);

        try (RocksDbStorageEngine engine = RocksDbStorageEngine.open(dataDir, DurabilityMode.SYNC)) {
            assertThat(queues(engine)).containsExactly(Map.entry(1L, "queue written before SNS"));
            assertThat(engine.topics().read("topic/a")).isNull();
            assertThat(engine.deliveries().lastSequence()).isEqualTo(-1);
            engine.topics().commit(new TopicBatch().put("topic/a", bytes("t")));
            engine.deliveries()
                    .commit(new DeliveryBatch().putMessage(0, bytes("m")).putDelivery(0, 0, bytes("d")));
        }

        assertThat(families(rocksDir))
                .containsExactly(
                        "default",
                        "queues",
                        "payloads",
                        "indexes",
                        "sns-resources",
                        "sns-messages",
                        "sns-deliveries",
                        // sns-archive and Kinesis's are made by their stores' first writes, which this had none of.
                        "cloudwatch-resources",
                        "cloudwatch-points");
        try (RocksDbStorageEngine engine = RocksDbStorageEngine.open(dataDir, DurabilityMode.SYNC)) {
            assertThat(queues(engine)).containsExactly(Map.entry(1L, "queue written before SNS"));
            assertThat(engine.topics().read("topic/a")).isEqualTo(bytes("t"));
            assertThat(engine.deliveries().readMessage(0)).isEqualTo(bytes("m"));
            assertThat(engine.deliveries().lastSequence()).isZero();
        }
    }

    @Test
    void everyFamilySharesTheOneBlockCacheThatMemtablesAreChargedTo() {
        try (RocksDbStorageEngine engine = RocksDbStorageEngine.open(dataDir, DurabilityMode.RELAXED)) {
            long before = engine.familyProperty(0, "rocksdb.block-cache-usage");
            // 4 MiB into the SNS families' memtables, which the write buffer manager charges to the block cache.
            byte[] value = new byte[64 * 1024];
            new Random(1).nextBytes(value);
            for (int i = 0; i < 32; i++) {
                engine.deliveries().commit(new DeliveryBatch().putMessage(i, value));
                engine.topics().commit(new TopicBatch().put("topic/" + i, value));
            }

            // The on-demand families are made by their first write.
            engine.tables().commit(new TableBatch().putTableRecord(1, "table", new byte[1]));
            engine.archive().commit(new ArchiveBatch().append("topic", 1, 1, new byte[1]));
            engine.streams().commit(new StreamBatch().putMetadata(1, "stream", new byte[1]));
            engine.objects().commit(new ObjectBatch().put("bucket", new byte[1]));
            engine.deliveryStreams().commit(new DeliveryStreamBatch().putRecord(1, 0, new byte[1]));
            engine.brokers().commit(new BrokerBatch().put("broker/b-1", new byte[1]));
            long after = engine.familyProperty(0, "rocksdb.block-cache-usage");
            assertThat(after - before)
                    .as("block cache usage grown by the SNS memtables")
                    .isGreaterThan(3L << 20);
            for (int family = 0; family < RocksDbStorageEngine.FAMILIES.size(); family++) {
                String name = new String(RocksDbStorageEngine.FAMILIES.get(family), UTF_8);
                // One cache: every family reports the same capacity and the same usage, the memtables' charge included.
                assertThat(engine.familyProperty(family, "rocksdb.block-cache-capacity"))
                        .as("block cache capacity of %s", name)
                        .isEqualTo(32L << 20);
                assertThat(engine.familyProperty(family, "rocksdb.block-cache-usage"))
                        .as("block cache usage of %s", name)
                        .isEqualTo(after);
            }
        }
    }

    @Test
    void commitsOfEveryStoreAreWrittenInOneOrder() {
        try (RocksDbStorageEngine engine = RocksDbStorageEngine.open(dataDir, DurabilityMode.SYNC)) {
            List<PendingCommit> pending = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                pending.add(engine.queues().submit(new QueueBatch().putIndex(1, i, bytes("q" + i))));
                pending.add(engine.topics().submit(new TopicBatch().put(key(i), bytes("t" + i))));
                pending.add(engine.deliveries().submit(new DeliveryBatch().putDelivery(i, 0, bytes("d" + i))));
            }

            // The last commit is the delivery of 299: once it is written, so is everything submitted before it, to
            // any store, since one writer takes all of them in submission order. Reads see only what is written.
            pending.get(pending.size() - 1).await();

            Map<Long, byte[]> index = new LinkedHashMap<>();
            engine.scanIndex(1, index::put);
            List<String> topics = new ArrayList<>();
            engine.topics().scan("", (key, value) -> topics.add(key));
            List<Long> deliveries = new ArrayList<>();
            engine.deliveries().scanDeliveries((sequence, target, value) -> deliveries.add(sequence));
            assertThat(index).hasSize(300);
            assertThat(topics).hasSize(300);
            assertThat(deliveries).hasSize(300);
            pending.forEach(PendingCommit::await);
        }
    }

    /** Writes a queue the way the store did before it had SNS families: four families, nothing else. */
    private static void writeQueueWithoutSnsFamilies(Path rocksDir) throws Exception {
        Files.createDirectories(rocksDir);
        try (DBOptions options = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true);
                ColumnFamilyOptions familyOptions = new ColumnFamilyOptions()) {
            List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
            FAMILIES_BEFORE_SNS.forEach(
                    name -> descriptors.add(new ColumnFamilyDescriptor(bytes(name), familyOptions)));
            List<ColumnFamilyHandle> handles = new ArrayList<>();
            try (RocksDB db = RocksDB.open(options, rocksDir.toString(), descriptors, handles)) {
                db.put(handles.get(1), RecordKeys.queueKey(1), bytes("queue written before SNS"));
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

    private static Map<Long, String> queues(RocksDbStorageEngine engine) {
        Map<Long, String> queues = new LinkedHashMap<>();
        engine.loadQueues((id, value) -> queues.put(id, new String(value, UTF_8)));
        return queues;
    }

    private static String key(int i) {
        return String.format(Locale.ROOT, "topic/%05d", i);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }
}
