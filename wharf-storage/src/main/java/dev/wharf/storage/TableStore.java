package dev.wharf.storage;

import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/**
 * Durable records of Amazon DynamoDB's tables: per table (a non-negative id the engine chooses) small named metadata
 * records, and items. The store knows neither attribute values nor key schemas: an item is an opaque value under an
 * opaque partition key and an opaque sort key, both byte strings that the engine encodes so that their unsigned byte
 * order is the order it needs.
 *
 * <p>A table's items live in indexes: index {@value #TABLE_INDEX} holds the table's own items, and every other index
 * number the entries of a secondary index, which the store keeps exactly as it keeps items (the engine composes their
 * keys). Within one (table, index) the items are ordered by the {@link #partitionHash} of their partition key,
 * unsigned, then by partition key and then by sort key, each compared as unsigned bytes, a shorter key first when one
 * is a prefix of the other. So the items of one partition are one range in sort key order ({@link #scanPartition}),
 * and the items of a hash range one range ({@link #scanItems}), which is how DynamoDB's parallel scans split a table
 * into segments.
 *
 * <p>All methods are thread-safe. A commit is atomic across tables and indexes: after a crash either every change of a
 * batch is visible or none is, and a read or scan never sees part of one. Commits are ordered by their {@link #submit}
 * calls, together with those of the engine's other stores (see {@link StorageEngine}), and what survives a crash is
 * always a prefix of that order. Reads may see a batch's changes from the moment it is submitted, or only once it is
 * durable; a caller that must read its own write (a conditional write) waits for the commit first. After the engine is
 * closed every method throws {@link IllegalStateException}, except the submit of an empty batch.
 */
public interface TableStore {

    /** The index of a table's own items; secondary indexes take the numbers above it. */
    int TABLE_INDEX = 0;

    /** How many distinct partition hashes there are: they are the unsigned 32-bit values. */
    long HASH_SPACE = 1L << 32;

    /** Receives a table's named metadata records during {@link #scanTables}, ordered by table id, then name. */
    @FunctionalInterface
    interface TableRecordVisitor {
        void onRecord(long tableId, String name, byte[] value);
    }

    /** Receives items during a scan, in the scan's order; answers false to stop it. Each array is its own copy. */
    @FunctionalInterface
    interface ItemVisitor {
        boolean onItem(byte[] partition, byte[] sort, byte[] value);
    }

    /** An item's place in a (table, index): where a paged scan goes on after. */
    record ItemKey(byte[] partition, byte[] sort) {}

    /**
     * The hash that orders the partitions of an index and places them in scan segments: the CRC-32C of the partition
     * key's bytes, as an unsigned 32-bit value. It is part of the contract, so that every backend orders alike and
     * stored keys stay valid across versions.
     */
    static long partitionHash(byte[] partition) {
        CRC32C crc = new CRC32C();
        crc.update(partition);
        return crc.getValue();
    }

    /** The first hash of segment {@code segment} of {@code totalSegments}: segment s holds [first(s), first(s + 1)). */
    static long segmentStart(int segment, int totalSegments) {
        TableBatch.checkSegment(segment, totalSegments);
        return HASH_SPACE * segment / totalSegments;
    }

    /**
     * Queues a batch behind every batch submitted before it and returns without waiting for it to be durable; an empty
     * batch is {@link PendingCommit#DONE} at once.
     *
     * @throws IllegalStateException if the store is closed
     */
    PendingCommit submit(TableBatch batch);

    /** Applies a batch atomically and durably, returning once it is durable; an empty batch is a no-op. */
    default void commit(TableBatch batch) {
        submit(batch).await();
    }

    /**
     * Visits every table's metadata records, by table id and then by name in UTF-8 byte order, as an engine rebuilds
     * its tables at start. Each value is the visitor's own copy.
     *
     * @throws IllegalStateException if the store is closed
     */
    void scanTables(TableRecordVisitor visitor);

    /**
     * Reads one item, or null when none is stored under the key; the array is the caller's own copy.
     *
     * @throws IllegalArgumentException if the table id or index is negative, or a key is longer than the batch allows
     * @throws IllegalStateException if the store is closed
     */
    byte @Nullable [] readItem(long tableId, int index, byte[] partition, byte[] sort);

    /**
     * Visits the items of one partition whose sort key is at or after {@code sortFrom} and before {@code sortTo}, in
     * ascending sort key order, or descending when {@code descending} is set, until the visitor answers false. A null
     * bound does not bound that side.
     *
     * @throws IllegalArgumentException if the table id or index is negative, or the partition key is too long
     * @throws IllegalStateException if the store is closed
     */
    void scanPartition(
            long tableId,
            int index,
            byte[] partition,
            byte @Nullable [] sortFrom,
            byte @Nullable [] sortTo,
            boolean descending,
            ItemVisitor visitor);

    /**
     * Visits the items of segment {@code segment} of {@code totalSegments} of one (table, index) in its order (see the
     * class comment) until the visitor answers false, starting after {@code after} when it is not null. One segment of
     * one is every item.
     *
     * @throws IllegalArgumentException if the table id or index is negative, or the segment is not one of the total
     * @throws IllegalStateException if the store is closed
     */
    void scanItems(
            long tableId, int index, int segment, int totalSegments, @Nullable ItemKey after, ItemVisitor visitor);
}
