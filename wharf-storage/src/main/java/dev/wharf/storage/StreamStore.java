package dev.wharf.storage;

import org.jspecify.annotations.Nullable;

/**
 * Durable store of Amazon Kinesis Data Streams: per stream (an id the engine chooses) small named metadata records
 * (its description, shards and their hash ranges, consumers, tags, policies, in the engine's encoding), and per shard
 * of it the records, under their sequence numbers, with a time index from arrival time to sequence number.
 *
 * <p>The engine keeps only the metadata in memory, rebuilt at start by one {@link #scanMetadata}, and reads records
 * from the store for each GetRecords, so memory does not grow with the streams' data: a read visits copies of the
 * records it is asked for and keeps none. Reads go from a sequence number (AFTER_SEQUENCE_NUMBER and
 * AT_SEQUENCE_NUMBER iterators, and each next page), or from the first record at or after a time, which {@link
 * #firstSequenceAtOrAfter} finds through the time index (AT_TIMESTAMP), without stepping through the shard.
 *
 * <p>The time index relies on one order the engine keeps: within a shard, a record appended with a higher sequence
 * number never has an earlier arrival time. Then the first record at or after a time is also the first in sequence
 * order, and trimming by either one removes a prefix of both. A backend may index only the first of the records that
 * one batch appends to a shard with the same arrival time.
 *
 * <p>Trimming ({@link #trimBelowSequence}, {@link #trimBeforeTime}) and deleting ({@link StreamBatch.DeleteShard},
 * {@link StreamBatch.DeleteStream}) remove key ranges: their work does not grow with the number of records they remove.
 * Sequence numbers are not reused by the store, but after a trim removes a shard's newest record {@link #lastSequence}
 * no longer sees it, so an engine that must never hand a sequence number out twice keeps its own high-water mark in a
 * metadata record.
 *
 * <p>Stream ids and shards are non-negative and metadata names well-formed; the reads here reject another with {@link
 * IllegalArgumentException}, as {@link StreamBatch} does.
 *
 * <p>All methods are thread-safe. A commit is atomic: after a crash either every change of a batch is visible or none
 * is, and a read or scan never sees part of one. Commits are ordered by their {@link #submit} calls, together with
 * those of the engine's other stores (see {@link StorageEngine}), and what survives a crash is always a prefix of that
 * order. Reads may see a batch's changes from the moment it is submitted, or only once it is durable. After the
 * engine is closed every method throws {@link IllegalStateException}, except the submit of an empty batch.
 */
public interface StreamStore {

    /** Receives metadata records during a scan, in ascending (stream id, name) order. */
    @FunctionalInterface
    interface MetadataVisitor {
        void onMetadata(long streamId, String name, byte[] value);
    }

    /** Receives a shard's records during a read, in ascending sequence order. */
    @FunctionalInterface
    interface RecordVisitor {
        void onRecord(SequenceNumber sequence, long arrivalMillis, byte[] data);
    }

    /**
     * Queues a batch behind every batch submitted before it and returns without waiting for it to be durable; an empty
     * batch is {@link PendingCommit#DONE} at once.
     *
     * @throws IllegalStateException if the store is closed
     */
    PendingCommit submit(StreamBatch batch);

    /** Applies a batch atomically and durably, returning once it is durable; an empty batch is a no-op. */
    default void commit(StreamBatch batch) {
        submit(batch).await();
    }

    /**
     * Visits every metadata record of every stream, in ascending stream id and, within one stream, in the order of the
     * names' UTF-8 bytes. Each value is the visitor's own copy.
     *
     * @throws IllegalStateException if the store is closed
     */
    void scanMetadata(MetadataVisitor visitor);

    /**
     * Reads one metadata record, or null when it is not stored; the array is the caller's own copy.
     *
     * @throws IllegalArgumentException for a negative stream id or a bad name
     * @throws IllegalStateException if the store is closed
     */
    byte @Nullable [] readMetadata(long streamId, String name);

    /**
     * Visits a shard's records in sequence order from {@code from}, included, at most {@code maxRecords} of them and, but
     * for the first, only while the data visited stays within {@code maxBytes} in total: the first record is visited
     * whatever its size, so that one larger than the limit does not stop the shard. Each array is the visitor's own.
     *
     * @return how many records were visited: none only when no record lies at or after {@code from}
     * @throws IllegalArgumentException for a negative stream id or shard, or a limit below 1
     * @throws IllegalStateException if the store is closed
     */
    int read(long streamId, int shard, SequenceNumber from, int maxRecords, long maxBytes, RecordVisitor visitor);

    /**
     * The sequence number of a shard's first record that arrived at or after {@code timeMillis}, or null when none did:
     * where an AT_TIMESTAMP iterator starts. A time before the oldest record's finds the oldest record.
     *
     * @throws IllegalArgumentException for a negative stream id or shard
     * @throws IllegalStateException if the store is closed
     */
    @Nullable
    SequenceNumber firstSequenceAtOrAfter(long streamId, int shard, long timeMillis);

    /**
     * The sequence number of a shard's newest record, or null when it has none: where the engine goes on numbering at
     * start (see the class comment for a shard trimmed empty). A durable backend may step over tombstones to find it.
     *
     * @throws IllegalArgumentException for a negative stream id or shard
     * @throws IllegalStateException if the store is closed
     */
    @Nullable
    SequenceNumber lastSequence(long streamId, int shard);

    /**
     * Deletes a shard's records below {@code before}, and their time index, returning once the deletion is durable. The
     * deletion is queued behind every batch submitted before it, to any store, as a submit is. A record below {@code
     * before} that a batch not yet durable appends is deleted too; but if the shard held no record at or above {@code
     * before} when this was called, that record's time index entry may be left, so that {@link
     * #firstSequenceAtOrAfter} answers a sequence number without a record (a read from it starts at the next record).
     *
     * @throws IllegalArgumentException for a negative stream id or shard
     * @throws IllegalStateException if the store is closed
     */
    void trimBelowSequence(long streamId, int shard, SequenceNumber before);

    /**
     * Deletes a shard's records that arrived before {@code beforeMillis}, and their time index, returning once the
     * deletion is durable: how the engine enforces a stream's retention period. It is queued as {@link
     * #trimBelowSequence} is, and keeps the records, and their time index, of batches not yet durable when it is
     * called, whatever their arrival time.
     *
     * @throws IllegalArgumentException for a negative stream id or shard
     * @throws IllegalStateException if the store is closed
     */
    void trimBeforeTime(long streamId, int shard, long beforeMillis);
}
