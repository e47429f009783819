package dev.wharf.storage.rocksdb;

import dev.wharf.storage.PendingCommit;
import dev.wharf.storage.TopicBatch;
import dev.wharf.storage.TopicStore;
import org.jspecify.annotations.Nullable;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * SNS's resources in the {@code sns-resources} column family of a {@link RocksDbStorageEngine}, each record under its
 * key's UTF-8 bytes, so that RocksDB's bytewise order is the store's key order.
 *
 * <p>Thread-safe: commits go through the engine's one writer, reads through the engine's lifecycle lock.
 */
final class RocksDbTopicStore implements TopicStore {

    private final RocksDbStorageEngine engine;
    private final ColumnFamilyHandle resources;

    RocksDbTopicStore(RocksDbStorageEngine engine, ColumnFamilyHandle resources) {
        this.engine = engine;
        this.resources = resources;
    }

    /** {@inheritDoc} It shares the engine's writer, so it is ordered with the other stores' commits too. */
    @Override
    public PendingCommit submit(TopicBatch batch) {
        if (batch.isEmpty()) {
            return PendingCommit.DONE;
        }
        return engine.enqueue(new StoreBatch.Topics(batch));
    }

    @Override
    public void scan(String prefix, RecordVisitor visitor) {
        byte[] start = RecordKeys.resourceKey(prefix);
        engine.scan(
                resources,
                start.length == 0 ? null : start,
                start.length == 0 ? null : RecordKeys.prefixEnd(start),
                "scanning the SNS resources under a prefix",
                (key, value) -> visitor.onRecord(RecordKeys.resourceKeyOf(key), value));
    }

    @Override
    public byte @Nullable [] read(String key) {
        return engine.get(resources, RecordKeys.resourceKey(key), "reading an SNS resource");
    }

    /** Adds a batch's ops to a group's write. Writer thread only. */
    void apply(WriteBatch write, TopicBatch batch) throws RocksDBException {
        for (TopicBatch.Op op : batch.ops()) {
            switch (op) {
                case TopicBatch.Put put -> write.put(resources, RecordKeys.resourceKey(put.key()), put.value());
                case TopicBatch.Delete delete -> write.delete(resources, RecordKeys.resourceKey(delete.key()));
                case TopicBatch.DeletePrefix delete -> {
                    // One range tombstone rather than a delete per key found by an iterator: it takes its place in
                    // the write's sequence like any op, so it deletes exactly what the batches before it put, those
                    // earlier in this very group included, which an iterator over the database would not see yet.
                    // Prefix deletes are rare (a topic and everything under it), so the tombstones stay few.
                    byte[] start = RecordKeys.resourceKey(delete.prefix());
                    write.deleteRange(resources, start, RecordKeys.prefixEnd(start));
                }
            }
        }
    }
}
