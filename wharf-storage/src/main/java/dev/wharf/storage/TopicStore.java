package dev.wharf.storage;

import org.jspecify.annotations.Nullable;

/**
 * Durable records of Amazon SNS's resources (topics, subscriptions, platform applications and endpoints, SMS
 * settings and phone numbers), each an opaque value under a string key that the engine composes.
 *
 * <p>The engine keeps every resource in memory and rebuilds it at start from {@link #scan}; the store only makes its
 * changes durable. Keys are compared as their UTF-8 bytes, unsigned, which is the order of their code points (not
 * {@link String#compareTo}, which puts the characters above U+FFFF before U+E000 to U+FFFF). The records under a
 * prefix are then one contiguous range of keys, so the engine can lay resources out as {@code topic/} followed by the topic's
 * own records and scan or delete them together. A key or prefix must be well-formed UTF-16: one that holds an
 * unpaired surrogate, which UTF-8 cannot encode, is rejected with {@link IllegalArgumentException} by {@link
 * TopicBatch} and by the reads here. The empty string is a key like any other.
 *
 * <p>All methods are thread-safe. A commit is atomic: after a crash either every change of a batch is visible or none
 * is, and a read or scan never sees part of one. Commits are ordered by their {@link #submit} calls, together with
 * those of the engine's other stores (see {@link StorageEngine}), and what survives a crash is always a prefix of that
 * order. Reads may see a batch's changes from the moment it is submitted, or only once it is durable. After the
 * engine is closed every method throws {@link IllegalStateException}, except the submit of an empty batch.
 */
public interface TopicStore {

    /** Receives stored records during a scan, in ascending key order. */
    @FunctionalInterface
    interface RecordVisitor {
        void onRecord(String key, byte[] value);
    }

    /**
     * Queues a batch behind every batch submitted before it and returns without waiting for it to be durable; an empty
     * batch is {@link PendingCommit#DONE} at once.
     *
     * @throws IllegalStateException if the store is closed
     */
    PendingCommit submit(TopicBatch batch);

    /** Applies a batch atomically and durably, returning once it is durable; an empty batch is a no-op. */
    default void commit(TopicBatch batch) {
        submit(batch).await();
    }

    /**
     * Visits every record whose key starts with {@code prefix} (all records for an empty prefix), in key order. Each
     * value is the visitor's own copy.
     *
     * @throws IllegalArgumentException if the prefix holds an unpaired surrogate
     * @throws IllegalStateException if the store is closed
     */
    void scan(String prefix, RecordVisitor visitor);

    /**
     * Reads one record, or null when none is stored under the key; the array is the caller's own copy.
     *
     * @throws IllegalArgumentException if the key holds an unpaired surrogate
     * @throws IllegalStateException if the store is closed
     */
    byte @Nullable [] read(String key);
}
