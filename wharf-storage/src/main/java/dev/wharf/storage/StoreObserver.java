package dev.wharf.storage;

/**
 * Hears of each group of batches that a backend writes in one commit, for the server's metrics: how many batches the
 * group merged, their bytes, how long its write took, and how much of that was the write-ahead log's fsync.
 *
 * <p>A backend calls it once per group that it wrote, from the one thread that writes, after the group's callers have
 * been released, so its time is not theirs. It must be quick, must not block, should allocate nothing, and must not
 * throw: a backend stops calling an observer that throws. Groups that failed are not reported.
 */
@FunctionalInterface
public interface StoreObserver {

    /** Hears nothing: what a backend reports to until {@link StorageEngine#observe} names another. */
    StoreObserver NONE = (writes, bytes, commitNanos, syncNanos) -> {};

    /**
     * One group, durable in the store's mode.
     *
     * @param writes the batches merged into the group, at least one; each is one caller's submit
     * @param bytes the group's size as the backend estimates it: values, keys and framing
     * @param commitNanos how long the group took from the start of its write until it was durable, its fsync included
     * @param syncNanos how much of {@code commitNanos} the fsync of the write-ahead log took; 0 in a mode that does not
     *     fsync ({@link DurabilityMode#RELAXED})
     */
    void onCommit(int writes, long bytes, long commitNanos, long syncNanos);
}
