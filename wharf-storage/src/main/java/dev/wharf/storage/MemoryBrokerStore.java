package dev.wharf.storage;

import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.jspecify.annotations.Nullable;

/**
 * Keeps Amazon MQ's records on the heap for {@link MemoryStorageEngine}.
 *
 * <p>Batches, reads and scans hold the engine's monitor, which orders this store's commits with the other stores' and
 * makes each batch atomic for readers. The map is concurrent anyway, so that a visitor that writes to the store during
 * a scan does not break the scan's iteration.
 */
final class MemoryBrokerStore implements BrokerStore {

    private final MemoryStorageEngine engine;
    private final NavigableMap<String, byte[]> records = new ConcurrentSkipListMap<>(MemoryTopicStore::compareUtf8);

    MemoryBrokerStore(MemoryStorageEngine engine) {
        this.engine = engine;
    }

    @Override
    public PendingCommit submit(BrokerBatch batch) {
        if (batch.isEmpty()) {
            return PendingCommit.DONE;
        }
        synchronized (engine) {
            engine.checkOpen();
            for (BrokerBatch.Op op : batch.ops()) {
                switch (op) {
                    case BrokerBatch.Put put -> records.put(put.key(), put.value());
                    case BrokerBatch.Delete delete -> records.remove(delete.key());
                    case BrokerBatch.DeletePrefix delete -> deletePrefix(delete.prefix());
                }
            }
        }
        return PendingCommit.DONE;
    }

    @Override
    public void scan(String prefix, Visitor visitor) {
        TopicBatch.checkKey(prefix);
        synchronized (engine) {
            engine.checkOpen();
            for (Map.Entry<String, byte[]> record :
                    records.tailMap(prefix, true).entrySet()) {
                if (!record.getKey().startsWith(prefix)) {
                    break;
                }
                visitor.onRecord(record.getKey(), record.getValue().clone());
            }
        }
    }

    @Override
    public byte @Nullable [] read(String key) {
        TopicBatch.checkKey(key);
        synchronized (engine) {
            engine.checkOpen();
            byte[] value = records.get(key);
            return value == null ? null : value.clone();
        }
    }

    /** Engine monitor must be held. */
    private void deletePrefix(String prefix) {
        Iterator<String> keys = records.tailMap(prefix, true).keySet().iterator();
        while (keys.hasNext() && keys.next().startsWith(prefix)) {
            keys.remove();
        }
    }
}
