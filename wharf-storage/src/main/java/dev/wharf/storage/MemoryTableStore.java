package dev.wharf.storage;

import java.util.Arrays;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.jspecify.annotations.Nullable;

/**
 * Keeps DynamoDB's table records and items on the heap for {@link MemoryStorageEngine}.
 *
 * <p>Batches, reads and scans hold the engine's monitor, which orders this store's commits with the other stores' and
 * makes each batch atomic for readers. The maps are concurrent anyway, so that a visitor that writes to the store during
 * a scan does not break the scan's iteration.
 */
final class MemoryTableStore implements TableStore {

    /** A metadata record's place: table id, then name in UTF-8 byte order. */
    private record RecordKey(long tableId, String name) implements Comparable<RecordKey> {
        @Override
        public int compareTo(RecordKey other) {
            int byTable = Long.compare(tableId, other.tableId);
            return byTable != 0 ? byTable : MemoryTopicStore.compareUtf8(name, other.name);
        }
    }

    /**
     * An item's place, in the store's order: table, index, partition hash, partition, sort. The bounds of ranges use
     * the extreme hashes (-1 and {@link TableStore#HASH_SPACE}) and null keys, which sort below every key.
     */
    private record ItemPlace(long tableId, int index, long hash, byte @Nullable [] partition, byte @Nullable [] sort)
            implements Comparable<ItemPlace> {
        @Override
        public int compareTo(ItemPlace other) {
            int order = Long.compare(tableId, other.tableId);
            if (order == 0) {
                order = Integer.compare(index, other.index);
            }
            if (order == 0) {
                order = Long.compare(hash, other.hash);
            }
            if (order == 0) {
                order = compareBytes(partition, other.partition);
            }
            return order != 0 ? order : compareBytes(sort, other.sort);
        }

        static ItemPlace of(long tableId, int index, byte[] partition, byte @Nullable [] sort) {
            return new ItemPlace(tableId, index, TableStore.partitionHash(partition), partition, sort);
        }

        private static int compareBytes(byte @Nullable [] a, byte @Nullable [] b) {
            if (a == null || b == null) {
                return a == null ? (b == null ? 0 : -1) : 1;
            }
            return Arrays.compareUnsigned(a, b);
        }
    }

    private final MemoryStorageEngine engine;
    private final NavigableMap<RecordKey, byte[]> records = new ConcurrentSkipListMap<>();
    private final NavigableMap<ItemPlace, byte[]> items = new ConcurrentSkipListMap<>();

    MemoryTableStore(MemoryStorageEngine engine) {
        this.engine = engine;
    }

    @Override
    public PendingCommit submit(TableBatch batch) {
        if (batch.isEmpty()) {
            return PendingCommit.DONE;
        }
        synchronized (engine) {
            engine.checkOpen();
            for (TableBatch.Op op : batch.ops()) {
                apply(op);
            }
        }
        return PendingCommit.DONE;
    }

    /** Engine monitor must be held. */
    private void apply(TableBatch.Op op) {
        switch (op) {
            case TableBatch.PutTableRecord put ->
                records.put(
                        new RecordKey(put.tableId(), put.name()), put.value().clone());
            case TableBatch.DeleteTableRecord delete -> records.remove(new RecordKey(delete.tableId(), delete.name()));
            case TableBatch.DeleteTable delete -> {
                records.subMap(new RecordKey(delete.tableId(), ""), new RecordKey(delete.tableId() + 1, ""))
                        .clear();
                items.subMap(indexStart(delete.tableId(), 0), indexStart(delete.tableId() + 1, 0))
                        .clear();
            }
            case TableBatch.PutItem put ->
                items.put(
                        ItemPlace.of(put.tableId(), put.index(), put.partition(), put.sort()),
                        put.value().clone());
            case TableBatch.DeleteItem delete ->
                items.remove(ItemPlace.of(delete.tableId(), delete.index(), delete.partition(), delete.sort()));
            case TableBatch.DeleteIndex delete ->
                items.subMap(indexStart(delete.tableId(), delete.index()), indexEnd(delete.tableId(), delete.index()))
                        .clear();
        }
    }

    private static ItemPlace indexStart(long tableId, int index) {
        return new ItemPlace(tableId, index, -1, null, null);
    }

    private static ItemPlace indexEnd(long tableId, int index) {
        return new ItemPlace(tableId, index, HASH_SPACE, null, null);
    }

    @Override
    public void scanTables(TableRecordVisitor visitor) {
        synchronized (engine) {
            engine.checkOpen();
            for (Map.Entry<RecordKey, byte[]> record : records.entrySet()) {
                visitor.onRecord(
                        record.getKey().tableId(),
                        record.getKey().name(),
                        record.getValue().clone());
            }
        }
    }

    @Override
    public byte @Nullable [] readItem(long tableId, int index, byte[] partition, byte[] sort) {
        TableBatch.checkItem(tableId, index, partition, sort);
        synchronized (engine) {
            engine.checkOpen();
            byte[] value = items.get(ItemPlace.of(tableId, index, partition, sort));
            return value == null ? null : value.clone();
        }
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
        long hash = TableStore.partitionHash(partition);
        // A null sort is below every sort, so the partition's end is the next partition's start.
        ItemPlace from = new ItemPlace(tableId, index, hash, partition, sortFrom);
        ItemPlace to = sortTo == null
                ? new ItemPlace(tableId, index, hash, successor(partition), null)
                : new ItemPlace(tableId, index, hash, partition, sortTo);
        synchronized (engine) {
            engine.checkOpen();
            if (from.compareTo(to) >= 0) {
                return;
            }
            NavigableMap<ItemPlace, byte[]> range = items.subMap(from, true, to, false);
            visit(descending ? range.descendingMap() : range, visitor);
        }
    }

    @Override
    public void scanItems(
            long tableId, int index, int segment, int totalSegments, @Nullable ItemKey after, ItemVisitor visitor) {
        TableBatch.checkIndex(tableId, index);
        TableBatch.checkSegment(segment, totalSegments);
        ItemPlace from = new ItemPlace(tableId, index, TableStore.segmentStart(segment, totalSegments), null, null);
        ItemPlace to = segment + 1 == totalSegments
                ? indexEnd(tableId, index)
                : new ItemPlace(tableId, index, TableStore.segmentStart(segment + 1, totalSegments), null, null);
        boolean inclusive = true;
        if (after != null) {
            ItemPlace resume = ItemPlace.of(tableId, index, after.partition(), after.sort());
            if (resume.compareTo(from) >= 0) {
                from = resume;
                inclusive = false;
            }
        }
        synchronized (engine) {
            engine.checkOpen();
            if (from.compareTo(to) >= 0) {
                return;
            }
            visit(items.subMap(from, inclusive, to, false), visitor);
        }
    }

    /** Engine monitor must be held. */
    private static void visit(NavigableMap<ItemPlace, byte[]> range, ItemVisitor visitor) {
        for (Map.Entry<ItemPlace, byte[]> item : range.entrySet()) {
            ItemPlace place = item.getKey();
            if (!visitor.onItem(
                    java.util.Objects.requireNonNull(place.partition()).clone(),
                    java.util.Objects.requireNonNull(place.sort()).clone(),
                    item.getValue().clone())) {
                return;
            }
        }
    }

    /** The least byte string above {@code key}: the key and a zero byte. */
    private static byte[] successor(byte[] key) {
        return Arrays.copyOf(key, key.length + 1);
    }
}
