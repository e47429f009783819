package dev.wharf.storage;

import org.jspecify.annotations.Nullable;

/**
 * Durable records of Amazon MQ: its brokers (with their users and pending changes), configurations and their revisions,
 * as opaque values under string keys that the engine composes. The brokers' messages are not here: each broker keeps
 * them in its own KahaDB, in its folder of the data directory.
 *
 * <p>Keys follow {@link TopicStore}'s rules: compared as their UTF-8 bytes, unsigned, so the records under a prefix are
 * one contiguous range; a key or prefix with an unpaired surrogate is rejected with {@link IllegalArgumentException} by
 * {@link BrokerBatch} and by the reads here.
 *
 * <p>All methods are thread-safe. A commit is atomic: after a crash either every change of a batch is visible or none
 * is, and a read or scan never sees part of one. Commits are ordered by their {@link #submit} calls, together with
 * those of the engine's other stores (see {@link StorageEngine}), and what survives a crash is always a prefix of that
 * order. After the engine is closed every method throws {@link IllegalStateException}, except the submit of an empty
 * batch.
 */
public interface BrokerStore {

    /** Receives records during a scan, in ascending key order. */
    @FunctionalInterface
    interface Visitor {
        void onRecord(String key, byte[] value);
    }

    /**
     * Queues a batch behind every batch submitted before it and returns without waiting for it to be durable; an empty
     * batch is {@link PendingCommit#DONE} at once.
     *
     * @throws IllegalStateException if the store is closed
     */
    PendingCommit submit(BrokerBatch batch);

    /** Applies a batch atomically and durably, returning once it is durable; an empty batch is a no-op. */
    default void commit(BrokerBatch batch) {
        submit(batch).await();
    }

    /**
     * Visits every record whose key starts with {@code prefix} (all of them for an empty prefix), in key order. Each
     * value is the visitor's own copy.
     *
     * @throws IllegalArgumentException if the prefix holds an unpaired surrogate
     * @throws IllegalStateException if the store is closed
     */
    void scan(String prefix, Visitor visitor);

    /**
     * Reads one record, or null when none is stored under the key; the array is the caller's own copy.
     *
     * @throws IllegalArgumentException if the key holds an unpaired surrogate
     * @throws IllegalStateException if the store is closed
     */
    byte @Nullable [] read(String key);
}
