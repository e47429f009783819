package dev.wharf.storage;

import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.jspecify.annotations.Nullable;

/**
 * Keeps SNS's outbox on the heap for {@link MemoryStorageEngine}: payloads by sequence, and per sequence the delivery
 * records by target.
 *
 * <p>Batches, reads and scans hold the engine's monitor, which orders this store's commits with the other stores' and
 * makes each batch atomic for readers. The maps are concurrent anyway, so that a visitor that writes to the store
 * during a scan does not break the scan's iteration.
 */
final class MemoryDeliveryStore implements DeliveryStore {

    private final MemoryStorageEngine engine;
    private final NavigableMap<Long, byte[]> messages = new ConcurrentSkipListMap<>();

    /** No message has an empty map here: the last delivery deleted takes its message's entry with it. */
    private final NavigableMap<Long, NavigableMap<Integer, byte[]>> deliveries = new ConcurrentSkipListMap<>();

    MemoryDeliveryStore(MemoryStorageEngine engine) {
        this.engine = engine;
    }

    @Override
    public PendingCommit submit(DeliveryBatch batch) {
        if (batch.isEmpty()) {
            return PendingCommit.DONE;
        }
        synchronized (engine) {
            engine.checkOpen();
            for (DeliveryBatch.Op op : batch.ops()) {
                switch (op) {
                    case DeliveryBatch.PutMessage put -> messages.put(put.sequence(), put.payload());
                    case DeliveryBatch.PutDelivery put ->
                        deliveries
                                .computeIfAbsent(put.sequence(), sequence -> new ConcurrentSkipListMap<>())
                                .put(put.target(), put.value());
                    case DeliveryBatch.DeleteDelivery delete -> deleteDelivery(delete.sequence(), delete.target());
                    case DeliveryBatch.DeleteMessage delete -> {
                        messages.remove(delete.sequence());
                        deliveries.remove(delete.sequence());
                    }
                }
            }
        }
        return PendingCommit.DONE;
    }

    /** Engine monitor must be held. */
    private void deleteDelivery(long sequence, int target) {
        NavigableMap<Integer, byte[]> targets = deliveries.get(sequence);
        if (targets != null) {
            targets.remove(target);
            if (targets.isEmpty()) {
                deliveries.remove(sequence);
            }
        }
    }

    @Override
    public void scanDeliveries(DeliveryVisitor visitor) {
        synchronized (engine) {
            engine.checkOpen();
            for (Map.Entry<Long, NavigableMap<Integer, byte[]>> message : deliveries.entrySet()) {
                long sequence = message.getKey();
                message.getValue().forEach((target, value) -> visitor.onDelivery(sequence, target, value.clone()));
            }
        }
    }

    @Override
    public byte @Nullable [] readMessage(long sequence) {
        synchronized (engine) {
            engine.checkOpen();
            byte[] payload = messages.get(sequence);
            return payload == null ? null : payload.clone();
        }
    }

    @Override
    public long lastSequence() {
        synchronized (engine) {
            engine.checkOpen();
            Map.Entry<Long, byte[]> last = messages.lastEntry();
            return last == null ? -1 : last.getKey();
        }
    }
}
