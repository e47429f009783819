package dev.wharf.storage.rocksdb;

import dev.wharf.storage.PendingCommit;
import dev.wharf.storage.TableBatch;
import dev.wharf.storage.TableStore;
import org.jspecify.annotations.Nullable;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * DynamoDB's records in two column families of a {@link RocksDbStorageEngine} (keys in {@link ItemKeys}): {@code
 * dynamodb-tables} holds the tables' named metadata records, {@code dynamodb-items} the items of every table and index.
 * The families are made by the first write, so that a server that never serves DynamoDB opens neither (reads before
 * that find nothing).
 *
 * <p>DeleteTable and DeleteIndex are one range tombstone per family, ordered in the write with the batch's other ops,
 * so they delete exactly what was put before them and cost no work per item; every other delete is a point delete.
 * Both families have the Bloom filter, since GetItem and every conditional write look one item up.
 *
 * <p>Thread-safe: commits go through the engine's one writer, reads through the engine's lifecycle lock.
 */
final class RocksDbTableStore implements TableStore {

    private final RocksDbStorageEngine engine;
    /** The tables and items families, made by the first write. */
    private final OnDemandFamilies families;

    /** A store over two on-demand families: opened when they exist, else made by the first write. */
    RocksDbTableStore(RocksDbStorageEngine engine, String tablesFamily, String itemsFamily) {
        this.engine = engine;
        this.families = new OnDemandFamilies(engine, tablesFamily, itemsFamily);
    }

    /**
     * {@inheritDoc} It shares the engine's writer, so it is ordered with the other stores' commits too. The first
     * batch makes the families, before it is queued.
     */
    @Override
    public PendingCommit submit(TableBatch batch) {
        if (batch.isEmpty()) {
            return PendingCommit.DONE;
        }
        families.makeForWrite();
        return engine.enqueue(new StoreBatch.Tables(batch));
    }

    /** The tables family, or null (after checking that the store is open) while nothing was ever written. */
    private @Nullable ColumnFamilyHandle tablesForRead() {
        return families.readable() ? families.get(0) : null;
    }

    private @Nullable ColumnFamilyHandle itemsForRead() {
        return families.readable() ? families.get(1) : null;
    }

    @Override
    public void scanTables(TableRecordVisitor visitor) {
        ColumnFamilyHandle tables = tablesForRead();
        if (tables == null) {
            return;
        }
        engine.scan(
                tables,
                null,
                null,
                "loading the DynamoDB tables",
                (key, value) -> visitor.onRecord(ItemKeys.recordTableOf(key), ItemKeys.recordNameOf(key), value));
    }

    @Override
    public byte @Nullable [] readItem(long tableId, int index, byte[] partition, byte[] sort) {
        TableBatch.checkItem(tableId, index, partition, sort);
        ColumnFamilyHandle items = itemsForRead();
        return items == null
                ? null
                : engine.get(
                        items,
                        ItemKeys.itemKey(tableId, index, partition, sort),
                        "reading an item of table " + tableId);
    }

    @Override
    public void scanPartition(
            long tableId,
            int index,
            byte[] partition,
            byte @Nullable [] sortFrom,
            byte @Nullable [] sortTo,
            boolean descending,
            ItemVisitor visitor) {
        TableBatch.checkPartition(tableId, index, partition);
        ColumnFamilyHandle items = itemsForRead();
        if (items == null) {
            return;
        }
        byte[] prefix = ItemKeys.partitionStart(tableId, index, partition);
        byte[] start = sortFrom == null ? prefix : ItemKeys.append(prefix, sortFrom);
        byte[] end = sortTo == null ? ItemKeys.partitionEnd(prefix) : ItemKeys.append(prefix, sortTo);
        if (java.util.Arrays.compareUnsigned(start, end) > 0) {
            // An empty range still goes to the engine, which refuses it once closed, and finds nothing in it.
            end = start;
        }
        engine.scanWhile(items, start, end, descending, "scanning a partition of table " + tableId, (key, value) -> {
            TableStore.ItemKey item = ItemKeys.itemOf(key);
            return visitor.onItem(item.partition(), item.sort(), value);
        });
    }

    @Override
    public void scanItems(
            long tableId, int index, int segment, int totalSegments, @Nullable ItemKey after, ItemVisitor visitor) {
        TableBatch.checkIndex(tableId, index);
        TableBatch.checkSegment(segment, totalSegments);
        ColumnFamilyHandle items = itemsForRead();
        if (items == null) {
            return;
        }
        byte[] start = ItemKeys.hashKey(tableId, index, TableStore.segmentStart(segment, totalSegments));
        long endHash = TableStore.segmentEnd(segment, totalSegments);
        // The last segment ends with the index, past the highest hash that 4 bytes can hold.
        byte[] end = endHash == TableStore.HASH_SPACE
                ? ItemKeys.indexEnd(tableId, index)
                : ItemKeys.hashKey(tableId, index, endHash);
        if (after != null) {
            byte[] resume = RecordKeys.successor(ItemKeys.itemKey(tableId, index, after.partition(), after.sort()));
            if (java.util.Arrays.compareUnsigned(resume, start) > 0) {
                start = java.util.Arrays.compareUnsigned(resume, end) < 0 ? resume : end;
            }
        }
        engine.scanWhile(items, start, end, false, "scanning the items of table " + tableId, (key, value) -> {
            TableStore.ItemKey item = ItemKeys.itemOf(key);
            return visitor.onItem(item.partition(), item.sort(), value);
        });
    }

    /** Adds a batch's ops to a group's write, in the batch's order. Writer thread only. */
    void apply(WriteBatch write, TableBatch batch) throws RocksDBException {
        // A batch is queued only once the families are made.
        ColumnFamilyHandle tables = families.get(0);
        ColumnFamilyHandle items = families.get(1);
        for (TableBatch.Op op : batch.ops()) {
            switch (op) {
                case TableBatch.PutTableRecord put ->
                    write.put(tables, ItemKeys.recordKey(put.tableId(), put.name()), put.value());
                case TableBatch.DeleteTableRecord delete ->
                    write.delete(tables, ItemKeys.recordKey(delete.tableId(), delete.name()));
                case TableBatch.DeleteTable delete -> {
                    byte[] start = ItemKeys.tableStart(delete.tableId());
                    byte[] end = ItemKeys.tableEnd(delete.tableId());
                    write.deleteRange(tables, start, end);
                    write.deleteRange(items, start, end);
                }
                case TableBatch.PutItem put ->
                    write.put(
                            items,
                            ItemKeys.itemKey(put.tableId(), put.index(), put.partition(), put.sort()),
                            put.value());
                case TableBatch.DeleteItem delete ->
                    write.delete(
                            items,
                            ItemKeys.itemKey(delete.tableId(), delete.index(), delete.partition(), delete.sort()));
                case TableBatch.DeleteIndex delete ->
                    write.deleteRange(
                            items,
                            ItemKeys.indexStart(delete.tableId(), delete.index()),
                            ItemKeys.indexEnd(delete.tableId(), delete.index()));
            }
        }
    }
}
