package dev.wharf.storage;

import org.jspecify.annotations.Nullable;

/**
 * Durable records of message queues: each queue's metadata, and per message an immutable payload and a small mutable
 * index record, both keyed by (queue id, sequence).
 *
 * <p>Records are opaque bytes that the engine encodes. The engine rebuilds its in-memory indexes at start from {@link
 * #loadQueues} and {@link #scanIndex}, and reads payloads only when it returns a message.
 *
 * <p>All methods are thread-safe. {@link #commit} is atomic: after a crash either every change of a batch is visible or
 * none is. It returns only once the batch is durable in the store's {@link DurabilityMode}.
 */
public interface QueueStore {

    /** Receives stored records during a scan, in ascending key order. */
    @FunctionalInterface
    interface RecordVisitor {
        void onRecord(long id, byte[] value);
    }

    /** Applies a batch atomically and durably; an empty batch is a no-op. */
    void commit(QueueBatch batch);

    /** Visits every queue's metadata, in ascending queue id. */
    void loadQueues(RecordVisitor visitor);

    /** Visits every index record of a queue, in ascending sequence. */
    void scanIndex(long queueId, RecordVisitor visitor);

    /** Reads a message's payload, or null when the message is not stored. */
    byte @Nullable [] readPayload(long queueId, long sequence);
}
