package dev.wharf.storage.rocksdb;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.storage.BrokerBatch;
import dev.wharf.storage.DurabilityMode;
import dev.wharf.storage.TopicBatch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

/**
 * What the RocksDB store adds for Amazon MQ beyond the contract suite: its {@code mq-resources} column family made by
 * the first write, not by an idle engine nor by another store's write, and opened from then on; and prefix deletes
 * that leave one range tombstone rather than one per record.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
final class RocksDbBrokerFamiliesTest {

    private static final String MQ_FAMILY = "mq-resources";

    // JUnit injects it before each test.
    @SuppressWarnings("NullAway.Init")
    @TempDir
    Path dataDir;

    @Test
    void anEngineWhoseBrokerStoreOnlyReadsMakesNoFamily() throws Exception {
        try (RocksDbStorageEngine engine = RocksDbStorageEngine.open(dataDir, DurabilityMode.SYNC)) {
            assertThat(engine.brokers().read("broker/b-1")).isNull();
            engine.brokers().scan("", (key, value) -> {
                throw new AssertionError("a record in a family not made yet: " + key);
            });
            engine.brokers().commit(new BrokerBatch());
            // Another store's write makes only its own families.
            engine.topics().commit(new TopicBatch().put("topic/a", bytes("t")));
        }

        assertThat(families()).isNotEmpty().contains("sns-resources").doesNotContain(MQ_FAMILY);
        assertThat(RocksDbStorageEngine.ON_DEMAND_FAMILIES).contains(MQ_FAMILY);
        // Reopened, the engine still does not make it.
        try (RocksDbStorageEngine engine = RocksDbStorageEngine.open(dataDir, DurabilityMode.SYNC)) {
            assertThat(engine.brokers().read("broker/b-1")).isNull();
            assertThat(engine.topics().read("topic/a")).isEqualTo(bytes("t"));
        }
        assertThat(families()).doesNotContain(MQ_FAMILY);
    }

    @Test
    void aStoreClosedBeforeItsFamilyIsMadeStillRejectsEveryCall() {
        RocksDbStorageEngine engine = RocksDbStorageEngine.open(dataDir, DurabilityMode.SYNC);
        engine.close();

        assertThatThrownBy(() -> engine.brokers().read("broker/b-1"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> engine.brokers().scan("", (key, value) -> {}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> engine.brokers().commit(new BrokerBatch().put("broker/b-1", bytes("b"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void theFamilyIsMadeByTheFirstWriteAndOpenedFromThenOn() throws Exception {
        try (RocksDbStorageEngine engine = RocksDbStorageEngine.open(dataDir, DurabilityMode.SYNC)) {
            engine.brokers()
                    .commit(new BrokerBatch().put("broker/b-1", bytes("b1")).put("configuration/c-1", bytes("c1")));
            assertThat(families()).contains(MQ_FAMILY);
        }
        // An engine that never touches the brokers opens the family it finds, and keeps it.
        try (RocksDbStorageEngine engine = RocksDbStorageEngine.open(dataDir, DurabilityMode.SYNC)) {
            engine.topics().commit(new TopicBatch().put("topic/a", bytes("t")));
        }
        assertThat(families()).contains(MQ_FAMILY);
        try (RocksDbStorageEngine engine = RocksDbStorageEngine.open(dataDir, DurabilityMode.RELAXED)) {
            assertThat(engine.brokers().read("broker/b-1")).isEqualTo(bytes("b1"));
            assertThat(scan(engine, ""))
                    .containsExactly(Map.entry("broker/b-1", "b1"), Map.entry("configuration/c-1", "c1"));
            // The family found at open takes writes too.
            engine.brokers()
                    .commit(new BrokerBatch().delete("configuration/c-1").put("broker/b-2", bytes("b2")));
        }
        try (RocksDbStorageEngine engine = RocksDbStorageEngine.open(dataDir, DurabilityMode.SYNC)) {
            assertThat(scan(engine, "")).containsExactly(Map.entry("broker/b-1", "b1"), Map.entry("broker/b-2", "b2"));
        }
        assertThat(families().stream().filter(MQ_FAMILY::equals)).hasSize(1);
    }

    @Test
    void prefixDeletesAreRangeTombstonesNotOnePerRecord() {
        try (RocksDbStorageEngine engine = RocksDbStorageEngine.open(dataDir, DurabilityMode.RELAXED)) {
            BrokerBatch batch = new BrokerBatch();
            for (int i = 0; i < 1000; i++) {
                batch.put("broker/b-" + i, bytes("b" + i)).put("broker/b-" + i + "/user/admin", bytes("u" + i));
            }
            batch.put("configuration/c-1", bytes("c1"));
            engine.brokers().commit(batch);
            int family = RocksDbRecordChunksTest.indexOf(MQ_FAMILY);

            engine.brokers().commit(new BrokerBatch().deletePrefix("broker/"));

            assertThat(engine.familyProperty(family, "rocksdb.num-deletes-active-mem-table"))
                    .as("point deletes in the Amazon MQ family after a prefix delete")
                    .isZero();
            assertThat(scan(engine, "")).containsExactly(Map.entry("configuration/c-1", "c1"));
            // A point delete is counted, so the zero above is the range tombstone's doing.
            engine.brokers().commit(new BrokerBatch().delete("configuration/c-1"));
            assertThat(engine.familyProperty(family, "rocksdb.num-deletes-active-mem-table"))
                    .as("point deletes in the Amazon MQ family after one delete")
                    .isEqualTo(1);
            assertThat(scan(engine, "")).isEmpty();
        }
    }

    private static Map<String, String> scan(RocksDbStorageEngine engine, String prefix) {
        Map<String, String> visited = new LinkedHashMap<>();
        engine.brokers().scan(prefix, (key, value) -> visited.put(key, new String(value, UTF_8)));
        return visited;
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
