package dev.wharf.storage;

import org.jspecify.annotations.Nullable;

/**
 * Durable records of Amazon CloudWatch: its resources (metric series definitions, alarms, their history and tags) as
 * opaque values under string keys that the engine composes, and the datapoints of each series as opaque aggregates
 * under (series id, period, time).
 *
 * <p>Resource keys follow {@link TopicStore}'s rules: compared as their UTF-8 bytes, unsigned, so the records under a
 * prefix are one contiguous range; a key or prefix with an unpaired surrogate is rejected with {@link
 * IllegalArgumentException} by {@link MetricBatch} and by the reads here.
 *
 * <p>A point is the aggregate of one series over one period (1, 60, 300 or 3,600 seconds: the resolutions at which
 * CloudWatch keeps data) starting at {@code timeSeconds}, epoch seconds, which may be negative. Series ids are
 * non-negative and chosen by the engine. Points of one (series, period) are ordered by time, so a range of times is one
 * scan and everything before a time is one range to delete, which is how retention expires them.
 *
 * <p>All methods are thread-safe. A commit is atomic: after a crash either every change of a batch is visible or none
 * is, and a read or scan never sees part of one. Commits are ordered by their {@link #submit} calls, together with
 * those of the engine's other stores (see {@link StorageEngine}), and what survives a crash is always a prefix of that
 * order. Reads may see a batch's changes from the moment it is submitted, or only once it is durable. After the
 * engine is closed every method throws {@link IllegalStateException}, except the submit of an empty batch.
 */
public interface MetricStore {

    /** Receives resource records during a scan, in ascending key order. */
    @FunctionalInterface
    interface ResourceVisitor {
        void onRecord(String key, byte[] value);
    }

    /** Receives points during a scan, in ascending time order; answers false to stop the scan. */
    @FunctionalInterface
    interface PointVisitor {
        boolean onPoint(long timeSeconds, byte[] value);
    }

    /**
     * Queues a batch behind every batch submitted before it and returns without waiting for it to be durable; an empty
     * batch is {@link PendingCommit#DONE} at once.
     *
     * @throws IllegalStateException if the store is closed
     */
    PendingCommit submit(MetricBatch batch);

    /** Applies a batch atomically and durably, returning once it is durable; an empty batch is a no-op. */
    default void commit(MetricBatch batch) {
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
     * Reads one point, or null when none is stored; the array is the caller's own copy.
     *
     * @throws IllegalArgumentException if the series id is negative or the period not positive
     * @throws IllegalStateException if the store is closed
     */
    byte @Nullable [] readPoint(long seriesId, int periodSeconds, long timeSeconds);

    /**
     * Visits the points of one series at one period whose time is at or after {@code fromSeconds} and before {@code
     * toSeconds}, in ascending time order, until the visitor answers false. Each value is the visitor's own copy.
     *
     * @throws IllegalArgumentException if the series id is negative or the period not positive
     * @throws IllegalStateException if the store is closed
     */
    void scanPoints(long seriesId, int periodSeconds, long fromSeconds, long toSeconds, PointVisitor visitor);
}
