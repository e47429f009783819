package dev.wharf.storage.rocksdb;

import dev.wharf.storage.BrokerBatch;
import dev.wharf.storage.BrokerStore;
import dev.wharf.storage.PendingCommit;
import org.jspecify.annotations.Nullable;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * Amazon MQ's records in the {@code mq-resources} column family of a {@link RocksDbStorageEngine}, under their keys'
 * UTF-8 bytes as {@code sns-resources} holds SNS's (keys in {@link RecordKeys}). The family is made by the first write,
 * so that a server that never serves Amazon MQ does not open it (reads before that find nothing).
 *
 * <p>A DeletePrefix is one range tombstone, ordered in the write with the batch's other ops; every other delete is a
 * point delete.
 *
 * <p>Thread-safe: commits go through the engine's one writer, reads through the engine's lifecycle lock.
 */
final class RocksDbBrokerStore implements BrokerStore {

    private final RocksDbStorageEngine engine;
    /** The one resources family, made by the first write. */
    private final OnDemandFamilies families;

    RocksDbBrokerStore(RocksDbStorageEngine engine, String family) {
        this.engine = engine;
        this.families = new OnDemandFamilies(engine, family);
    }

    /**
     * {@inheritDoc} It shares the engine's writer, so it is ordered with the other stores' commits too. The first batch
     * makes the family, before it is queued.
     */
    @Override
    public PendingCommit submit(BrokerBatch batch) {
        if (batch.isEmpty()) {
            return PendingCommit.DONE;
        }
        families.makeForWrite();
        return engine.enqueue(new StoreBatch.Brokers(batch));
    }

    @Override
    public void scan(String prefix, Visitor visitor) {
        byte[] start = RecordKeys.resourceKey(prefix);
        if (!families.readable()) {
            return;
        }
        engine.scan(
                families.get(0),
                start.length == 0 ? null : start,
                start.length == 0 ? null : RecordKeys.prefixEnd(start),
                "scanning the Amazon MQ records under a prefix",
                (key, value) -> visitor.onRecord(RecordKeys.resourceKeyOf(key), value));
    }

    @Override
    public byte @Nullable [] read(String key) {
        byte[] encoded = RecordKeys.resourceKey(key);
        return families.readable() ? engine.get(families.get(0), encoded, "reading an Amazon MQ record") : null;
    }

    /** Adds a batch's ops to a group's write, in the batch's order. Writer thread only. */
    void apply(WriteBatch write, BrokerBatch batch) throws RocksDBException {
        // A batch is queued only once the family is made.
        ColumnFamilyHandle records = families.get(0);
        for (BrokerBatch.Op op : batch.ops()) {
            switch (op) {
                case BrokerBatch.Put put -> write.put(records, RecordKeys.resourceKey(put.key()), put.value());
                case BrokerBatch.Delete delete -> write.delete(records, RecordKeys.resourceKey(delete.key()));
                case BrokerBatch.DeletePrefix delete -> {
                    byte[] start = RecordKeys.resourceKey(delete.prefix());
                    write.deleteRange(records, start, RecordKeys.prefixEnd(start));
                }
            }
        }
    }
}
