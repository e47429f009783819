package dev.wharf.storage;

import org.jspecify.annotations.Nullable;

/**
 * Durable archive of Amazon SNS's FIFO topics: per archive (a topic), every message published while archiving is on,
 * as an immutable payload under its publish time and sequence, kept until the engine purges it.
 *
 * <p>Entries of one archive are ordered by (time, sequence), both non-negative and compared as numbers; the engine
 * appends them in that order and reads them back in pages from any position, so that it keeps nothing of the archive in
 * memory but where it is. {@link #purge} takes entries off the old end, a bounded number per call.
 *
 * <p>Archive names are non-empty, well-formed UTF-16 without U+0000 ({@link ArchiveBatch#checkArchive}); the reads
 * here reject another with {@link IllegalArgumentException}, as {@link ArchiveBatch} does, and a negative time or
 * sequence likewise. Two archives never share an entry, whatever their names.
 *
 * <p>All methods are thread-safe. A commit is atomic: after a crash either every change of a batch is visible or none
 * is, and a read or scan never sees part of one. Commits are ordered by their {@link #submit} calls, together with
 * those of the engine's other stores (see {@link StorageEngine}), and what survives a crash is always a prefix of that
 * order. Reads may see a batch's changes from the moment it is submitted, or only once it is durable. After the
 * engine is closed every method throws {@link IllegalStateException}, except the submit of an empty batch.
 */
public interface MessageArchiveStore {

    /** Receives archived entries during a scan, in ascending (time, sequence) order. */
    @FunctionalInterface
    interface EntryVisitor {
        void onEntry(long timeMillis, long sequence, byte[] payload);
    }

    /** Where an entry sits in its archive. */
    record Position(long timeMillis, long sequence) {}

    /**
     * Queues a batch behind every batch submitted before it and returns without waiting for it to be durable; an empty
     * batch is {@link PendingCommit#DONE} at once.
     *
     * @throws IllegalStateException if the store is closed
     */
    PendingCommit submit(ArchiveBatch batch);

    /** Applies a batch atomically and durably, returning once it is durable; an empty batch is a no-op. */
    default void commit(ArchiveBatch batch) {
        submit(batch).await();
    }

    /**
     * Visits at most {@code limit} entries of an archive, in order, from the position (fromMillis, fromSequence)
     * included, up to the entries whose time is {@code toMillis} included. Each payload is the visitor's own copy.
     *
     * @return how many entries were visited: fewer than {@code limit} only when no more lie in the range
     * @throws IllegalArgumentException for a bad name, a negative position or a limit below 1
     * @throws IllegalStateException if the store is closed
     */
    int scan(String archive, long fromMillis, long fromSequence, long toMillis, int limit, EntryVisitor visitor);

    /**
     * The position of an archive's newest entry, or null when it has none. Meant for the start: a durable backend may
     * step over the tombstones of purged entries to find it.
     *
     * @throws IllegalArgumentException for a bad name
     * @throws IllegalStateException if the store is closed
     */
    @Nullable
    Position last(String archive);

    /**
     * Deletes the oldest entries of an archive whose time is before {@code beforeMillis}, at most {@code limit} of them,
     * and returns once the deletion is durable. Bounded work: a caller that wants all of them gone calls again while it
     * returns {@code limit}. An entry appended meanwhile with a time before {@code beforeMillis} may be deleted too.
     *
     * @return how many entries were deleted
     * @throws IllegalArgumentException for a bad name or a limit below 1
     * @throws IllegalStateException if the store is closed
     */
    int purge(String archive, long beforeMillis, int limit);
}
