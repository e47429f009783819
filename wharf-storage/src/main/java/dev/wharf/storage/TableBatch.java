package dev.wharf.storage;

import java.util.ArrayList;
import java.util.List;

/**
 * The changes of one API call to a {@link TableStore}, applied atomically and in order by {@link
 * TableStore#commit(TableBatch)}: a later op in the batch sees the effect of every earlier one. A batch may change any
 * number of tables, as a transaction or a BatchWriteItem does.
 *
 * <p>Each op checks its arguments when it is made (non-negative table ids and indexes, keys within their bounds, record
 * names as {@link TopicBatch} checks keys), so no store ever receives a bad one. The batch keeps the arrays it is
 * given, not copies: they must not change once the batch is submitted.
 *
 * <p>Not thread-safe: one caller builds a batch, then commits it once.
 */
public final class TableBatch {

    /**
     * The longest partition key the store takes, in bytes: DynamoDB's 2,048 and room for the engine's own framing of
     * it.
     */
    public static final int PARTITION_BYTES_MAX = 4_096;

    /**
     * The longest sort key the store takes, in bytes: a secondary index's entry composes its own sort key with its
     * item's partition and sort keys.
     */
    public static final int SORT_BYTES_MAX = 16_384;

    /** The most segments a scan may split an index into: DynamoDB's 1,000,000. */
    public static final int SEGMENTS_MAX = 1_000_000;

    /** One change; the closed set that every backend applies. */
    public sealed interface Op {}

    /** Creates or replaces one of a table's named metadata records. */
    public record PutTableRecord(long tableId, String name, byte[] value) implements Op {
        public PutTableRecord {
            checkTable(tableId);
            checkName(name);
        }
    }

    /** Deletes one of a table's metadata records; a name without a record is a no-op. */
    public record DeleteTableRecord(long tableId, String name) implements Op {
        public DeleteTableRecord {
            checkTable(tableId);
            checkName(name);
        }
    }

    /** Deletes a table: every metadata record and every item of every index. */
    public record DeleteTable(long tableId) implements Op {
        public DeleteTable {
            checkTable(tableId);
        }
    }

    /** Creates or replaces an item of one index of a table. */
    public record PutItem(long tableId, int index, byte[] partition, byte[] sort, byte[] value) implements Op {
        public PutItem {
            checkItem(tableId, index, partition, sort);
        }
    }

    /** Deletes an item of one index of a table; a key without an item is a no-op. */
    public record DeleteItem(long tableId, int index, byte[] partition, byte[] sort) implements Op {
        public DeleteItem {
            checkItem(tableId, index, partition, sort);
        }
    }

    /** Deletes every item of one index of a table, as deleting a secondary index does. */
    public record DeleteIndex(long tableId, int index) implements Op {
        public DeleteIndex {
            checkIndex(tableId, index);
        }
    }

    private final List<Op> ops = new ArrayList<>();

    public TableBatch putTableRecord(long tableId, String name, byte[] value) {
        ops.add(new PutTableRecord(tableId, name, value));
        return this;
    }

    public TableBatch deleteTableRecord(long tableId, String name) {
        ops.add(new DeleteTableRecord(tableId, name));
        return this;
    }

    public TableBatch deleteTable(long tableId) {
        ops.add(new DeleteTable(tableId));
        return this;
    }

    public TableBatch putItem(long tableId, int index, byte[] partition, byte[] sort, byte[] value) {
        ops.add(new PutItem(tableId, index, partition, sort, value));
        return this;
    }

    public TableBatch deleteItem(long tableId, int index, byte[] partition, byte[] sort) {
        ops.add(new DeleteItem(tableId, index, partition, sort));
        return this;
    }

    public TableBatch deleteIndex(long tableId, int index) {
        ops.add(new DeleteIndex(tableId, index));
        return this;
    }

    /** The ops in the order they were added. */
    public List<Op> ops() {
        return ops;
    }

    public boolean isEmpty() {
        return ops.isEmpty();
    }

    /**
     * Checks a table id, as every op and read does, so that backends outside this package check them alike.
     *
     * @throws IllegalArgumentException if the id is negative
     */
    public static void checkTable(long tableId) {
        if (tableId < 0) {
            throw new IllegalArgumentException("a table id must not be negative: " + tableId);
        }
    }

    /**
     * Checks a table id and index.
     *
     * @throws IllegalArgumentException if either is negative
     */
    public static void checkIndex(long tableId, int index) {
        checkTable(tableId);
        if (index < 0) {
            throw new IllegalArgumentException("an index must not be negative: " + index);
        }
    }

    /**
     * Checks an item's place.
     *
     * @throws IllegalArgumentException if the table id or index is negative, or a key is longer than its bound
     */
    public static void checkItem(long tableId, int index, byte[] partition, byte[] sort) {
        checkPartition(tableId, index, partition);
        if (sort.length > SORT_BYTES_MAX) {
            throw new IllegalArgumentException("a sort key holds at most " + SORT_BYTES_MAX + " bytes: " + sort.length);
        }
    }

    /**
     * Checks a partition's place.
     *
     * @throws IllegalArgumentException if the table id or index is negative, or the key is longer than its bound
     */
    public static void checkPartition(long tableId, int index, byte[] partition) {
        checkIndex(tableId, index);
        if (partition.length > PARTITION_BYTES_MAX) {
            throw new IllegalArgumentException(
                    "a partition key holds at most " + PARTITION_BYTES_MAX + " bytes: " + partition.length);
        }
    }

    /**
     * Checks a scan's segment.
     *
     * @throws IllegalArgumentException unless {@code 0 <= segment < totalSegments <= SEGMENTS_MAX}
     */
    public static void checkSegment(int segment, int totalSegments) {
        if (totalSegments < 1 || totalSegments > SEGMENTS_MAX || segment < 0 || segment >= totalSegments) {
            throw new IllegalArgumentException("segment " + segment + " of " + totalSegments + " is not a segment");
        }
    }

    private static void checkName(String name) {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a table record's name must not be empty");
        }
        TopicBatch.checkKey(name);
    }
}
