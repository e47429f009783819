package dev.wharf.storage;

import org.jspecify.annotations.Nullable;

/**
 * Durable records of message queues: each queue's metadata, and per message an immutable payload and a small mutable
 * index record, both keyed by (queue id, sequence).
 *
 * <p>Records are opaque bytes that the engine encodes. The engine rebuilds its in-memory indexes at start from {@link
 * #loadQueues} and {@link #scanIndex}, and reads payloads only when it returns a message.
 *
 * <p>All methods are thread-safe. A commit is atomic: after a crash either every change of a batch is visible or none
 * is. Commits are ordered by their {@link #submit} calls, and what survives a crash is always a prefix of that order:
 * a batch is never durable without every batch submitted before it. So a caller may submit while it holds a lock that
 * orders its changes, let go of the lock, and only then wait for durability, without another thread's later change to
 * the same records overtaking its own.
 */
public interface QueueStore {

    /** Receives stored records during a scan, in ascending key order. */
    @FunctionalInterface
    interface RecordVisitor {
        void onRecord(long id, byte[] value);
    }

    /**
     * Queues a batch behind every batch submitted before it and returns without waiting for it to be durable. Reads
     * may see the batch's changes from the moment it is submitted, or only once it is durable.
     *
     * @throws IllegalStateException if the store is closed
     */
    PendingCommit submit(QueueBatch batch);

    /** Applies a batch atomically and durably, returning once it is durable; an empty batch is a no-op. */
    default void commit(QueueBatch batch) {
        submit(batch).await();
    }

    /** Visits every queue's metadata, in ascending queue id. */
    void loadQueues(RecordVisitor visitor);

    /** Visits every index record of a queue, in ascending sequence. */
    void scanIndex(long queueId, RecordVisitor visitor);

    /** Reads a message's payload, or null when the message is not stored. */
    byte @Nullable [] readPayload(long queueId, long sequence);
}
