package dev.wharf.storage.rocksdb;

import dev.wharf.storage.DeliveryBatch;
import dev.wharf.storage.DeliveryStore;
import dev.wharf.storage.PendingCommit;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.WriteBatch;

/**
 * SNS's outbox in two column families of a {@link RocksDbStorageEngine}: {@code sns-messages}, payloads keyed by
 * sequence, and {@code sns-deliveries}, delivery records keyed by sequence and target (see {@link RecordKeys}).
 *
 * <p>Thread-safe: commits go through the engine's one writer, reads through the engine's lifecycle lock.
 */
final class RocksDbDeliveryStore implements DeliveryStore {

    private final RocksDbStorageEngine engine;
    private final RocksDB db;
    private final ColumnFamilyHandle messages;
    private final ColumnFamilyHandle deliveries;

    RocksDbDeliveryStore(
            RocksDbStorageEngine engine, RocksDB db, ColumnFamilyHandle messages, ColumnFamilyHandle deliveries) {
        this.engine = engine;
        this.db = db;
        this.messages = messages;
        this.deliveries = deliveries;
    }

    /** {@inheritDoc} It shares the engine's writer, so it is ordered with the other stores' commits too. */
    @Override
    public PendingCommit submit(DeliveryBatch batch) {
        if (batch.isEmpty()) {
            return PendingCommit.DONE;
        }
        return engine.enqueue(new StoreBatch.Deliveries(batch));
    }

    @Override
    public void scanDeliveries(DeliveryVisitor visitor) {
        engine.scan(
                deliveries,
                null,
                null,
                "scanning the SNS deliveries",
                (key, value) -> visitor.onDelivery(RecordKeys.outboxSequenceOf(key), RecordKeys.targetOf(key), value));
    }

    @Override
    public byte @Nullable [] readMessage(long sequence) {
        // A negative sequence's key has its top bit set, which no stored message's key has: it reads null.
        return engine.get(messages, RecordKeys.outboxMessageKey(sequence), "reading the SNS message " + sequence);
    }

    @Override
    public long lastSequence() {
        byte[] last = engine.lastKey(messages, "finding the last SNS message");
        return last == null ? -1 : RecordKeys.outboxSequenceOf(last);
    }

    /**
     * Adds a batch's ops to a group's write. Writer thread only.
     *
     * @param deliveriesPut the delivery records that the group's earlier batches put, by sequence; this batch's puts
     *     are added, and a DeleteMessage takes its sequence's out
     */
    void apply(WriteBatch write, DeliveryBatch batch, Map<Long, Set<Integer>> deliveriesPut) throws RocksDBException {
        for (DeliveryBatch.Op op : batch.ops()) {
            switch (op) {
                case DeliveryBatch.PutMessage put ->
                    write.put(messages, RecordKeys.outboxMessageKey(put.sequence()), put.payload());
                case DeliveryBatch.PutDelivery put -> {
                    write.put(deliveries, RecordKeys.deliveryKey(put.sequence(), put.target()), put.value());
                    deliveriesPut
                            .computeIfAbsent(put.sequence(), sequence -> new HashSet<>())
                            .add(put.target());
                }
                case DeliveryBatch.DeleteDelivery delete ->
                    write.delete(deliveries, RecordKeys.deliveryKey(delete.sequence(), delete.target()));
                case DeliveryBatch.DeleteMessage delete -> {
                    write.delete(messages, RecordKeys.outboxMessageKey(delete.sequence()));
                    deleteDeliveries(write, delete.sequence(), deliveriesPut.remove(delete.sequence()));
                }
            }
        }
    }

    /**
     * Deletes each delivery record of a message, those in the database and those put earlier in the group, one by
     * one. Not by a range delete, though the records are one key range: every delivered message ends in a
     * DeleteMessage, and RocksDB handles many small range tombstones badly (each read and each new tombstone in a
     * memtable works through all of them), while a few point tombstones per message cost what the puts did.
     * Writer thread only: every earlier group is written by now, so the database holds what they left.
     */
    private void deleteDeliveries(WriteBatch write, long sequence, @Nullable Set<Integer> putInGroup)
            throws RocksDBException {
        byte[] start = RecordKeys.deliveriesStart(sequence);
        try (Slice lower = new Slice(start);
                Slice upper = new Slice(RecordKeys.deliveriesEnd(sequence));
                ReadOptions bounds = RocksDbStorageEngine.bounds(lower, upper);
                RocksIterator iterator = db.newIterator(deliveries, bounds)) {
            for (iterator.seek(start); iterator.isValid(); iterator.next()) {
                write.delete(deliveries, iterator.key());
            }
            iterator.status();
        }
        if (putInGroup != null) {
            // A record put and then deleted earlier in the group is deleted again: a harmless extra tombstone.
            for (int target : putInGroup) {
                write.delete(deliveries, RecordKeys.deliveryKey(sequence, target));
            }
        }
    }
}
