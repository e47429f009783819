package dev.wharf.storage;

import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.jspecify.annotations.Nullable;

/**
 * Keeps Kinesis streams on the heap for {@link MemoryStorageEngine}: metadata by (stream id, name), and per shard its
 * records by sequence number and its time index from arrival time to the first sequence number of that time.
 *
 * <p>Batches, reads, scans and trims hold the engine's monitor, which orders this store's commits with the other
 * stores' and makes each batch atomic for readers. The maps are concurrent anyway, so that a visitor that writes to the
 * store during a read does not break the read's iteration.
 */
final class MemoryStreamStore implements StreamStore {

    private record MetadataKey(long streamId, String name) {}

    private record ShardKey(long streamId, int shard) {}

    private record StoredRecord(long arrivalMillis, byte[] data) {}

    /** One shard's records and time index; the index holds, per arrival time, its first record's sequence number. */
    private record ShardLog(
            NavigableMap<SequenceNumber, StoredRecord> records, NavigableMap<Long, SequenceNumber> times) {

        ShardLog() {
            this(new ConcurrentSkipListMap<>(), new ConcurrentSkipListMap<>());
        }
    }

    /** The order of the names' UTF-8 bytes, which is the order of their code points. */
    private static final Comparator<String> UTF8_ORDER = (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    };

    private static final Comparator<MetadataKey> METADATA_ORDER =
            Comparator.comparingLong(MetadataKey::streamId).thenComparing(MetadataKey::name, UTF8_ORDER);

    private final MemoryStorageEngine engine;
    private final NavigableMap<MetadataKey, byte[]> metadata = new ConcurrentSkipListMap<>(METADATA_ORDER);
    private final Map<ShardKey, ShardLog> shards = new ConcurrentHashMap<>();

    MemoryStreamStore(MemoryStorageEngine engine) {
        this.engine = engine;
    }

    @Override
    public PendingCommit submit(StreamBatch batch) {
        if (batch.isEmpty()) {
            return PendingCommit.DONE;
        }
        synchronized (engine) {
            engine.checkOpen();
            for (StreamBatch.Op op : batch.ops()) {
                apply(op);
            }
        }
        return PendingCommit.DONE;
    }

    /** Engine monitor must be held. */
    private void apply(StreamBatch.Op op) {
        switch (op) {
            case StreamBatch.PutMetadata put ->
                metadata.put(
                        new MetadataKey(put.streamId(), put.name()), put.value().clone());
            case StreamBatch.DeleteMetadata delete ->
                metadata.remove(new MetadataKey(delete.streamId(), delete.name()));
            case StreamBatch.Append append -> {
                ShardLog log =
                        shards.computeIfAbsent(new ShardKey(append.streamId(), append.shard()), key -> new ShardLog());
                log.records().put(append.sequence(), new StoredRecord(append.arrivalMillis(), append.data()));
                log.times().merge(append.arrivalMillis(), append.sequence(), (a, b) -> a.compareTo(b) <= 0 ? a : b);
            }
            case StreamBatch.DeleteShard delete -> shards.remove(new ShardKey(delete.streamId(), delete.shard()));
            case StreamBatch.DeleteStream delete -> {
                // A tail map rather than a sub map up to the next id: the largest id has none.
                Iterator<MetadataKey> keys = metadata.tailMap(new MetadataKey(delete.streamId(), ""), true)
                        .keySet()
                        .iterator();
                while (keys.hasNext() && keys.next().streamId() == delete.streamId()) {
                    keys.remove();
                }
                shards.keySet().removeIf(key -> key.streamId() == delete.streamId());
            }
        }
    }

    @Override
    public void scanMetadata(MetadataVisitor visitor) {
        synchronized (engine) {
            engine.checkOpen();
            metadata.forEach((key, value) -> visitor.onMetadata(key.streamId(), key.name(), value.clone()));
        }
    }

    @Override
    public byte @Nullable [] readMetadata(long streamId, String name) {
        StreamBatch.checkStream(streamId);
        StreamBatch.checkName(name);
        synchronized (engine) {
            engine.checkOpen();
            byte[] value = metadata.get(new MetadataKey(streamId, name));
            return value == null ? null : value.clone();
        }
    }

    @Override
    public int read(
            long streamId, int shard, SequenceNumber from, int maxRecords, long maxBytes, RecordVisitor visitor) {
        StreamBatch.checkShard(streamId, shard);
        StreamBatch.checkReadLimits(maxRecords, maxBytes);
        synchronized (engine) {
            engine.checkOpen();
            ShardLog log = shards.get(new ShardKey(streamId, shard));
            if (log == null) {
                return 0;
            }
            int visited = 0;
            long bytes = 0;
            for (Map.Entry<SequenceNumber, StoredRecord> entry :
                    log.records().tailMap(from, true).entrySet()) {
                byte[] data = entry.getValue().data();
                if (visited == maxRecords || (visited > 0 && bytes + data.length > maxBytes)) {
                    break;
                }
                visitor.onRecord(entry.getKey(), entry.getValue().arrivalMillis(), data.clone());
                visited++;
                bytes += data.length;
            }
            return visited;
        }
    }

    @Override
    public @Nullable SequenceNumber firstSequenceAtOrAfter(long streamId, int shard, long timeMillis) {
        StreamBatch.checkShard(streamId, shard);
        synchronized (engine) {
            engine.checkOpen();
            ShardLog log = shards.get(new ShardKey(streamId, shard));
            Map.Entry<Long, SequenceNumber> entry =
                    log == null ? null : log.times().ceilingEntry(timeMillis);
            return entry == null ? null : entry.getValue();
        }
    }

    @Override
    public @Nullable SequenceNumber lastSequence(long streamId, int shard) {
        StreamBatch.checkShard(streamId, shard);
        synchronized (engine) {
            engine.checkOpen();
            ShardLog log = shards.get(new ShardKey(streamId, shard));
            return log == null || log.records().isEmpty() ? null : log.records().lastKey();
        }
    }

    @Override
    public void trimBelowSequence(long streamId, int shard, SequenceNumber before) {
        StreamBatch.checkShard(streamId, shard);
        synchronized (engine) {
            engine.checkOpen();
            ShardLog log = shards.get(new ShardKey(streamId, shard));
            if (log == null) {
                return;
            }
            log.records().headMap(before, false).clear();
            Map.Entry<SequenceNumber, StoredRecord> first = log.records().firstEntry();
            if (first == null) {
                log.times().clear();
                return;
            }
            // The first record kept may share its arrival time with records trimmed before it: it now heads that time.
            long firstMillis = first.getValue().arrivalMillis();
            log.times().headMap(firstMillis, false).clear();
            log.times().put(firstMillis, first.getKey());
        }
    }

    @Override
    public void trimBeforeTime(long streamId, int shard, long beforeMillis) {
        StreamBatch.checkShard(streamId, shard);
        synchronized (engine) {
            engine.checkOpen();
            ShardLog log = shards.get(new ShardKey(streamId, shard));
            if (log == null) {
                return;
            }
            Map.Entry<Long, SequenceNumber> kept = log.times().ceilingEntry(beforeMillis);
            if (kept == null) {
                log.records().clear();
                log.times().clear();
                return;
            }
            log.records().headMap(kept.getValue(), false).clear();
            log.times().headMap(kept.getKey(), false).clear();
        }
    }
}
