package dev.wharf.storage;

import org.jspecify.annotations.Nullable;

/**
 * Durable records of Amazon Data Firehose: its resources (delivery stream descriptions, their tags, each destination's
 * delivery cursor) as opaque values under string keys that the engine composes, and the records put to each delivery
 * stream and not yet delivered, as opaque values under (stream id, sequence).
 *
 * <p>Resource keys follow {@link TopicStore}'s rules: compared as their UTF-8 bytes, unsigned, so the records under a
 * prefix are one contiguous range; a key or prefix with an unpaired surrogate is rejected with {@link
 * IllegalArgumentException} by {@link DeliveryStreamBatch} and by the reads here.
 *
 * <p>Stream ids and sequences are non-negative and chosen by the engine: a stream id names one incarnation of a delivery
 * stream (a stream deleted and created again gets a new one), and sequences grow in the order records were accepted. So
 * the records of one stream are one range in arrival order, and what a delivery has written is one range to delete, in
 * the same batch that advances the destination's cursor (a resource record).
 *
 * <p>All methods are thread-safe. A commit is atomic: after a crash either every change of a batch is visible or none
 * is, and a read or scan never sees part of one. Commits are ordered by their {@link #submit} calls, together with
 * those of the engine's other stores (see {@link StorageEngine}), and what survives a crash is always a prefix of that
 * order. Reads may see a batch's changes from the moment it is submitted, or only once it is durable. After the
 * engine is closed every method throws {@link IllegalStateException}, except the submit of an empty batch.
 */
public interface DeliveryStreamStore {

    /** Receives resource records during a scan, in ascending key order. */
    @FunctionalInterface
    interface ResourceVisitor {
        void onRecord(String key, byte[] value);
    }

    /** Receives a stream's records during a scan, in ascending sequence order; answers false to stop the scan. */
    @FunctionalInterface
    interface RecordVisitor {
        boolean onRecord(long sequence, byte[] value);
    }

    /**
     * Queues a batch behind every batch submitted before it and returns without waiting for it to be durable; an empty
     * batch is {@link PendingCommit#DONE} at once.
     *
     * @throws IllegalStateException if the store is closed
     */
    PendingCommit submit(DeliveryStreamBatch batch);

    /** Applies a batch atomically and durably, returning once it is durable; an empty batch is a no-op. */
    default void commit(DeliveryStreamBatch batch) {
        submit(batch).await();
    }

    /**
     * Visits every resource record whose key starts with {@code prefix} (all of them for an empty prefix), in key
     * order. Each value is the visitor's own copy.
     *
     * @throws IllegalArgumentException if the prefix holds an unpaired surrogate
     * @throws IllegalStateException if the store is closed
     */
    void scanResources(String prefix, ResourceVisitor visitor);

    /**
     * Reads one resource record, or null when none is stored under the key; the array is the caller's own copy.
     *
     * @throws IllegalArgumentException if the key holds an unpaired surrogate
     * @throws IllegalStateException if the store is closed
     */
    byte @Nullable [] readResource(String key);

    /**
     * Visits the records of one stream whose sequence is at or after {@code fromSequence}, in ascending sequence order,
     * until the visitor answers false or the records end. Each value is the visitor's own copy.
     *
     * @throws IllegalArgumentException if the stream id or the sequence is negative
     * @throws IllegalStateException if the store is closed
     */
    void scanRecords(long streamId, long fromSequence, RecordVisitor visitor);
}
