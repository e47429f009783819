package dev.wharf.storage;

import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.jspecify.annotations.Nullable;

/**
 * Keeps Firehose's resource records and buffered records on the heap for {@link MemoryStorageEngine}.
 *
 * <p>Batches, reads and scans hold the engine's monitor, which orders this store's commits with the other stores' and
 * makes each batch atomic for readers. The maps are concurrent anyway, so that a visitor that writes to the store during
 * a scan does not break the scan's iteration.
 */
final class MemoryDeliveryStreamStore implements DeliveryStreamStore {

    /** A record's place: stream, then sequence, so that one stream is a contiguous range in arrival order. */
    private record RecordKey(long streamId, long sequence) implements Comparable<RecordKey> {
        @Override
        public int compareTo(RecordKey other) {
            int byStream = Long.compare(streamId, other.streamId);
            return byStream != 0 ? byStream : Long.compare(sequence, other.sequence);
        }
    }

    private final MemoryStorageEngine engine;
    private final NavigableMap<String, byte[]> resources = new ConcurrentSkipListMap<>(MemoryTopicStore::compareUtf8);
    private final NavigableMap<RecordKey, byte[]> records = new ConcurrentSkipListMap<>();

    MemoryDeliveryStreamStore(MemoryStorageEngine engine) {
        this.engine = engine;
    }

    @Override
    public PendingCommit submit(DeliveryStreamBatch batch) {
        if (batch.isEmpty()) {
            return PendingCommit.DONE;
        }
        synchronized (engine) {
            engine.checkOpen();
            for (DeliveryStreamBatch.Op op : batch.ops()) {
                apply(op);
            }
        }
        return PendingCommit.DONE;
    }

    /** Engine monitor must be held. */
    private void apply(DeliveryStreamBatch.Op op) {
        switch (op) {
            case DeliveryStreamBatch.PutResource put -> resources.put(put.key(), put.value());
            case DeliveryStreamBatch.DeleteResource delete -> resources.remove(delete.key());
            case DeliveryStreamBatch.DeleteResourcePrefix delete -> deletePrefix(delete.prefix());
            case DeliveryStreamBatch.PutRecord put ->
                records.put(new RecordKey(put.streamId(), put.sequence()), put.value());
            case DeliveryStreamBatch.DeleteRecordsBefore delete ->
                records.subMap(
                                new RecordKey(delete.streamId(), 0),
                                true,
                                new RecordKey(delete.streamId(), delete.beforeSequence()),
                                false)
                        .clear();
            case DeliveryStreamBatch.DeleteStreamRecords delete ->
                records.subMap(
                                new RecordKey(delete.streamId(), 0),
                                true,
                                new RecordKey(delete.streamId(), Long.MAX_VALUE),
                                true)
                        .clear();
        }
    }

    @Override
    public void scanResources(String prefix, ResourceVisitor visitor) {
        TopicBatch.checkKey(prefix);
        synchronized (engine) {
            engine.checkOpen();
            for (Map.Entry<String, byte[]> record :
                    resources.tailMap(prefix, true).entrySet()) {
                if (!record.getKey().startsWith(prefix)) {
                    break;
                }
                visitor.onRecord(record.getKey(), record.getValue().clone());
            }
        }
    }

    @Override
    public byte @Nullable [] readResource(String key) {
        TopicBatch.checkKey(key);
        synchronized (engine) {
            engine.checkOpen();
            byte[] value = resources.get(key);
            return value == null ? null : value.clone();
        }
    }

    @Override
    public void scanRecords(long streamId, long fromSequence, RecordVisitor visitor) {
        DeliveryStreamBatch.checkRecord(streamId, fromSequence);
        synchronized (engine) {
            engine.checkOpen();
            for (Map.Entry<RecordKey, byte[]> record : records.subMap(
                            new RecordKey(streamId, fromSequence), true, new RecordKey(streamId, Long.MAX_VALUE), true)
                    .entrySet()) {
                if (!visitor.onRecord(
                        record.getKey().sequence(), record.getValue().clone())) {
                    return;
                }
            }
        }
    }

    /** Engine monitor must be held. */
    private void deletePrefix(String prefix) {
        Iterator<String> keys = resources.tailMap(prefix, true).keySet().iterator();
        while (keys.hasNext() && keys.next().startsWith(prefix)) {
            keys.remove();
        }
    }
}
