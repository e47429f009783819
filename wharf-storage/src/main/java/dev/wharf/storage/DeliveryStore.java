package dev.wharf.storage;

import org.jspecify.annotations.Nullable;

/**
 * Durable outbox of Amazon SNS: each published message's immutable payload, and per (message, target) a small
 * mutable delivery record (which subscription, how many attempts, when the next one is due), keyed by the message's
 * sequence and the target's number within it.
 *
 * <p>A message is written with all its delivery records in one batch before the publisher is answered; each delivery
 * record is deleted when its delivery succeeds or is given up, and the payload with the last of them. The engine keeps
 * only the small delivery records in memory, rebuilt at start by {@link #scanDeliveries}, and reads a payload when it
 * delivers it, so memory does not grow with the backlog's bodies.
 *
 * <p>Sequences and targets are non-negative; {@link DeliveryBatch} rejects a negative one when the op is made. A
 * delivery record may exist without its message's payload: the store does not tie them together, except that {@link
 * DeliveryBatch.DeleteMessage} deletes both.
 *
 * <p>All methods are thread-safe. A commit is atomic: after a crash either every change of a batch is visible or none
 * is, and a read or scan never sees part of one. Commits are ordered by their {@link #submit} calls, together with
 * those of the engine's other stores (see {@link StorageEngine}), and what survives a crash is always a prefix of that
 * order. Reads may see a batch's changes from the moment it is submitted, or only once it is durable. After the
 * engine is closed every method throws {@link IllegalStateException}, except the submit of an empty batch.
 */
public interface DeliveryStore {

    /** Receives delivery records during a scan, in ascending (sequence, target) order. */
    @FunctionalInterface
    interface DeliveryVisitor {
        void onDelivery(long sequence, int target, byte[] value);
    }

    /**
     * Queues a batch behind every batch submitted before it and returns without waiting for it to be durable; an empty
     * batch is {@link PendingCommit#DONE} at once.
     *
     * @throws IllegalStateException if the store is closed
     */
    PendingCommit submit(DeliveryBatch batch);

    /** Applies a batch atomically and durably, returning once it is durable; an empty batch is a no-op. */
    default void commit(DeliveryBatch batch) {
        submit(batch).await();
    }

    /**
     * Visits every delivery record, in ascending sequence and, within one message, ascending target. Each value is the
     * visitor's own copy.
     *
     * @throws IllegalStateException if the store is closed
     */
    void scanDeliveries(DeliveryVisitor visitor);

    /**
     * Reads a message's payload, or null when it is not stored (a negative sequence never is); the array is the
     * caller's own copy.
     *
     * @throws IllegalStateException if the store is closed
     */
    byte @Nullable [] readMessage(long sequence);

    /**
     * The highest sequence of any stored message payload, or -1 when there is none: where the engine goes on numbering
     * at start. Delivery records without a payload do not count, and neither do deleted messages: once the highest
     * message is deleted its sequence may be handed out again, so an engine that needs sequences never to repeat
     * (across a drained outbox and a restart) keeps its own high-water mark in a {@link TopicStore} record. Meant for
     * the start: a durable backend may have to step over the deleted messages' tombstones to find it.
     *
     * @throws IllegalStateException if the store is closed
     */
    long lastSequence();
}
