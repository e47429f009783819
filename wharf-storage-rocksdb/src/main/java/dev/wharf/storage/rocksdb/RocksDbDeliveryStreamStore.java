package dev.wharf.storage.rocksdb;

import dev.wharf.storage.DeliveryStreamBatch;
import dev.wharf.storage.DeliveryStreamStore;
import dev.wharf.storage.PendingCommit;
import org.jspecify.annotations.Nullable;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * Firehose's records in two column families of a {@link RocksDbStorageEngine} (keys in {@link RecordKeys}): {@code
 * firehose-resources} holds the resources under their keys' UTF-8 bytes, as {@code sns-resources} does, and {@code
 * firehose-records} the buffered records by (stream id, sequence). The families are made by the first write, so that a
 * server that never serves Firehose opens neither (reads before that find nothing).
 *
 * <p>A delivery's DeleteRecordsBefore, a deleted stream's DeleteStreamRecords and DeleteResourcePrefix are each one
 * range tombstone, ordered in the write with the batch's other ops, so they delete exactly what was put before them,
 * earlier batches of the same group included, and cost no work per record. Every other delete is a point delete, since
 * many small range tombstones slow RocksDB's reads down.
 *
 * <p>Thread-safe: commits go through the engine's one writer, reads through the engine's lifecycle lock.
 */
final class RocksDbDeliveryStreamStore implements DeliveryStreamStore {

    private final RocksDbStorageEngine engine;
    /** The resources and records families, made by the first write. */
    private final OnDemandFamilies families;

    /** A store over two on-demand families: opened when they exist, else made by the first write. */
    RocksDbDeliveryStreamStore(RocksDbStorageEngine engine, String resourcesFamily, String recordsFamily) {
        this.engine = engine;
        this.families = new OnDemandFamilies(engine, resourcesFamily, recordsFamily);
    }

    /**
     * {@inheritDoc} It shares the engine's writer, so it is ordered with the other stores' commits too. The first
     * batch makes the families, before it is queued.
     */
    @Override
    public PendingCommit submit(DeliveryStreamBatch batch) {
        if (batch.isEmpty()) {
            return PendingCommit.DONE;
        }
        families.makeForWrite();
        return engine.enqueue(new StoreBatch.DeliveryStreams(batch));
    }

    @Override
    public void scanResources(String prefix, ResourceVisitor visitor) {
        byte[] start = RecordKeys.resourceKey(prefix);
        if (!families.readable()) {
            return;
        }
        engine.scan(
                families.get(0),
                start.length == 0 ? null : start,
                start.length == 0 ? null : RecordKeys.prefixEnd(start),
                "scanning the Firehose resources under a prefix",
                (key, value) -> visitor.onRecord(RecordKeys.resourceKeyOf(key), value));
    }

    @Override
    public byte @Nullable [] readResource(String key) {
        byte[] encoded = RecordKeys.resourceKey(key);
        return families.readable() ? engine.get(families.get(0), encoded, "reading a Firehose resource") : null;
    }

    @Override
    public void scanRecords(long streamId, long fromSequence, RecordVisitor visitor) {
        DeliveryStreamBatch.checkRecord(streamId, fromSequence);
        if (!families.readable()) {
            return;
        }
        engine.scanWhile(
                families.get(1),
                RecordKeys.firehoseRecordKey(streamId, fromSequence),
                RecordKeys.firehoseRecordsEnd(streamId),
                "scanning the records of Firehose stream " + streamId,
                (key, value) -> visitor.onRecord(RecordKeys.firehoseSequenceOf(key), value));
    }

    /** Adds a batch's ops to a group's write, in the batch's order. Writer thread only. */
    void apply(WriteBatch write, DeliveryStreamBatch batch) throws RocksDBException {
        // A batch is queued only once the families are made.
        ColumnFamilyHandle resources = families.get(0);
        ColumnFamilyHandle records = families.get(1);
        for (DeliveryStreamBatch.Op op : batch.ops()) {
            switch (op) {
                case DeliveryStreamBatch.PutResource put ->
                    write.put(resources, RecordKeys.resourceKey(put.key()), put.value());
                case DeliveryStreamBatch.DeleteResource delete ->
                    write.delete(resources, RecordKeys.resourceKey(delete.key()));
                case DeliveryStreamBatch.DeleteResourcePrefix delete -> {
                    byte[] start = RecordKeys.resourceKey(delete.prefix());
                    write.deleteRange(resources, start, RecordKeys.prefixEnd(start));
                }
                case DeliveryStreamBatch.PutRecord put ->
                    write.put(records, RecordKeys.firehoseRecordKey(put.streamId(), put.sequence()), put.value());
                case DeliveryStreamBatch.DeleteRecordsBefore delete -> {
                    // Nothing is before the first sequence: no tombstone for an empty range.
                    if (delete.beforeSequence() != 0) {
                        write.deleteRange(
                                records,
                                RecordKeys.firehoseRecordsStart(delete.streamId()),
                                RecordKeys.firehoseRecordKey(delete.streamId(), delete.beforeSequence()));
                    }
                }
                case DeliveryStreamBatch.DeleteStreamRecords delete ->
                    write.deleteRange(
                            records,
                            RecordKeys.firehoseRecordsStart(delete.streamId()),
                            RecordKeys.firehoseRecordsEnd(delete.streamId()));
            }
        }
    }
}
