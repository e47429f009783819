package dev.wharf.storage.rocksdb;

import dev.wharf.storage.ArchiveBatch;
import dev.wharf.storage.MessageArchiveStore;
import dev.wharf.storage.PendingCommit;
import org.jspecify.annotations.Nullable;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * SNS's message archives in the {@code sns-archive} column family of a {@link RocksDbStorageEngine}, each entry keyed by
 * its archive's name, its time and its sequence (see {@link RecordKeys}). The family is made by the first write
 * ({@link OnDemandFamilies}); reads before it find nothing.
 *
 * <p>A purge finds the keys to delete with an iterator on the calling thread, then deletes them with one range
 * tombstone, from the archive's first key to just past the last key found: one tombstone per purge, which later
 * iterators step over at once, where a point tombstone per purged entry would have to be stepped over one by one from
 * the archive's start until compaction drops them.
 *
 * <p>Thread-safe: commits go through the engine's one writer, reads through the engine's lifecycle lock.
 */
final class RocksDbMessageArchiveStore implements MessageArchiveStore {

    private final RocksDbStorageEngine engine;
    private final OnDemandFamilies family;

    RocksDbMessageArchiveStore(RocksDbStorageEngine engine, String family) {
        this.engine = engine;
        this.family = new OnDemandFamilies(engine, family);
    }

    private ColumnFamilyHandle archive() {
        return family.get(0);
    }

    /** {@inheritDoc} It shares the engine's writer, so it is ordered with the other stores' commits too. */
    @Override
    public PendingCommit submit(ArchiveBatch batch) {
        if (batch.isEmpty()) {
            return PendingCommit.DONE;
        }
        family.makeForWrite();
        return engine.enqueue(new StoreBatch.Archive(batch));
    }

    @Override
    public int scan(String name, long fromMillis, long fromSequence, long toMillis, int limit, EntryVisitor visitor) {
        ArchiveBatch.checkArchive(name);
        ArchiveBatch.checkPosition(fromMillis, fromSequence);
        checkLimit(limit);
        if (!family.readable()) {
            return 0;
        }
        int[] visited = {0};
        engine.scanWhile(
                archive(),
                RecordKeys.archiveKey(name, fromMillis, fromSequence),
                RecordKeys.archiveEnd(name),
                "scanning an SNS message archive",
                (key, value) -> {
                    if (visited[0] == limit || RecordKeys.archiveTimeOf(key) > toMillis) {
                        return false;
                    }
                    visitor.onEntry(RecordKeys.archiveTimeOf(key), RecordKeys.archiveSequenceOf(key), value);
                    visited[0]++;
                    return true;
                });
        return visited[0];
    }

    @Override
    public @Nullable Position last(String name) {
        ArchiveBatch.checkArchive(name);
        if (!family.readable()) {
            return null;
        }
        byte[] key = engine.lastKey(
                archive(),
                RecordKeys.archiveStart(name),
                RecordKeys.archiveEnd(name),
                "finding the last entry of an SNS message archive");
        return key == null ? null : new Position(RecordKeys.archiveTimeOf(key), RecordKeys.archiveSequenceOf(key));
    }

    @Override
    public int purge(String name, long beforeMillis, int limit) {
        ArchiveBatch.checkArchive(name);
        checkLimit(limit);
        if (!family.readable()) {
            return 0;
        }
        byte[] start = RecordKeys.archiveStart(name);
        byte[] end = beforeMillis <= 0 ? start : RecordKeys.archiveKey(name, beforeMillis, 0);
        int[] found = {0};
        byte[][] last = {null};
        engine.scanKeysWhile(archive(), start, end, "purging an SNS message archive", key -> {
            if (found[0] == limit) {
                return false;
            }
            last[0] = key;
            found[0]++;
            return true;
        });
        if (last[0] != null) {
            engine.enqueue(new StoreBatch.ArchivePurge(start, RecordKeys.successor(last[0])))
                    .await();
        }
        return found[0];
    }

    /** Adds a batch's ops to a group's write. Writer thread only. */
    void apply(WriteBatch write, ArchiveBatch batch) throws RocksDBException {
        ColumnFamilyHandle archive = archive();
        for (ArchiveBatch.Op op : batch.ops()) {
            switch (op) {
                case ArchiveBatch.Append append ->
                    write.put(
                            archive,
                            RecordKeys.archiveKey(append.archive(), append.timeMillis(), append.sequence()),
                            append.payload());
                // Rare (a topic deleted, or its archiving turned off): one range tombstone, ordered with the rest.
                case ArchiveBatch.DeleteArchive delete ->
                    write.deleteRange(
                            archive,
                            RecordKeys.archiveStart(delete.archive()),
                            RecordKeys.archiveEnd(delete.archive()));
            }
        }
    }

    /** Adds a purge's range deletion to a group's write. Writer thread only. */
    void apply(WriteBatch write, StoreBatch.ArchivePurge purge) throws RocksDBException {
        write.deleteRange(archive(), purge.start(), purge.end());
    }

    private static void checkLimit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("a limit must be at least 1: " + limit);
        }
    }
}
