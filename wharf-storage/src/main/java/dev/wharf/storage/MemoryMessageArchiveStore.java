package dev.wharf.storage;

import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.jspecify.annotations.Nullable;

/**
 * Keeps SNS's message archives on the heap for {@link MemoryStorageEngine}: per archive, payloads by (time, sequence).
 *
 * <p>Batches, reads, scans and purges hold the engine's monitor, which orders this store's commits with the other
 * stores' and makes each batch atomic for readers. The maps are concurrent anyway, so that a visitor that writes to the
 * store during a scan does not break the scan's iteration.
 */
final class MemoryMessageArchiveStore implements MessageArchiveStore {

    private static final Comparator<Position> ORDER =
            Comparator.comparingLong(Position::timeMillis).thenComparingLong(Position::sequence);

    private final MemoryStorageEngine engine;

    /** No archive has an empty map here: a purge that empties one takes its entry with it. */
    private final Map<String, NavigableMap<Position, byte[]>> archives = new ConcurrentHashMap<>();

    MemoryMessageArchiveStore(MemoryStorageEngine engine) {
        this.engine = engine;
    }

    @Override
    public PendingCommit submit(ArchiveBatch batch) {
        if (batch.isEmpty()) {
            return PendingCommit.DONE;
        }
        synchronized (engine) {
            engine.checkOpen();
            for (ArchiveBatch.Op op : batch.ops()) {
                switch (op) {
                    case ArchiveBatch.Append append ->
                        archives.computeIfAbsent(append.archive(), name -> new ConcurrentSkipListMap<>(ORDER))
                                .put(new Position(append.timeMillis(), append.sequence()), append.payload());
                    case ArchiveBatch.DeleteArchive delete -> archives.remove(delete.archive());
                }
            }
        }
        return PendingCommit.DONE;
    }

    @Override
    public int scan(
            String archive, long fromMillis, long fromSequence, long toMillis, int limit, EntryVisitor visitor) {
        ArchiveBatch.checkArchive(archive);
        ArchiveBatch.checkPosition(fromMillis, fromSequence);
        checkLimit(limit);
        synchronized (engine) {
            engine.checkOpen();
            NavigableMap<Position, byte[]> entries = archives.get(archive);
            if (entries == null) {
                return 0;
            }
            int visited = 0;
            for (Map.Entry<Position, byte[]> entry : entries.tailMap(new Position(fromMillis, fromSequence), true)
                    .entrySet()) {
                if (visited == limit || entry.getKey().timeMillis() > toMillis) {
                    break;
                }
                visitor.onEntry(
                        entry.getKey().timeMillis(),
                        entry.getKey().sequence(),
                        entry.getValue().clone());
                visited++;
            }
            return visited;
        }
    }

    @Override
    public @Nullable Position last(String archive) {
        ArchiveBatch.checkArchive(archive);
        synchronized (engine) {
            engine.checkOpen();
            NavigableMap<Position, byte[]> entries = archives.get(archive);
            return entries == null || entries.isEmpty() ? null : entries.lastKey();
        }
    }

    @Override
    public int purge(String archive, long beforeMillis, int limit) {
        ArchiveBatch.checkArchive(archive);
        checkLimit(limit);
        synchronized (engine) {
            engine.checkOpen();
            NavigableMap<Position, byte[]> entries = archives.get(archive);
            if (entries == null) {
                return 0;
            }
            int purged = 0;
            Iterator<Position> oldest = entries.keySet().iterator();
            while (purged < limit && oldest.hasNext() && oldest.next().timeMillis() < beforeMillis) {
                oldest.remove();
                purged++;
            }
            if (entries.isEmpty()) {
                archives.remove(archive);
            }
            return purged;
        }
    }

    static void checkLimit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("a limit must be at least 1: " + limit);
        }
    }
}
