package dev.wharf.storage;

import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.jspecify.annotations.Nullable;

/**
 * Keeps every record on the heap, for the {@link DurabilityMode#MEMORY} mode and for tests; nothing survives a stop.
 *
 * <p>Every store applies a batch when it is submitted, holding this engine's monitor, so a batch is atomic for the
 * readers that take it too and all stores share one order of commits. After {@link #close()} the stores refuse every
 * call, as the durable backends do, so that a test on this engine fails where production would.
 */
public final class MemoryStorageEngine implements StorageEngine, QueueStore {

    private final NavigableMap<Long, byte[]> queues = new ConcurrentSkipListMap<>();
    private final Map<Long, NavigableMap<Long, byte[]>> payloads = new ConcurrentHashMap<>();
    private final Map<Long, NavigableMap<Long, byte[]>> indexes = new ConcurrentHashMap<>();
    private final MemoryTopicStore topics;
    private final MemoryDeliveryStore deliveries;
    private final MemoryMessageArchiveStore archive;
    private final MemoryStreamStore streams;
    private final MemoryMetricStore metrics;
    private final MemoryTableStore tables;
    private final MemoryObjectStore objects;
    private final MemoryDeliveryStreamStore deliveryStreams;
    private final MemoryBrokerStore brokers;

    /** Written under this engine's monitor; volatile for the reads that do not take it. */
    private volatile boolean closed;

    public MemoryStorageEngine() {
        this.topics = new MemoryTopicStore(this);
        this.deliveries = new MemoryDeliveryStore(this);
        this.archive = new MemoryMessageArchiveStore(this);
        this.streams = new MemoryStreamStore(this);
        this.metrics = new MemoryMetricStore(this);
        this.tables = new MemoryTableStore(this);
        this.objects = new MemoryObjectStore(this);
        this.deliveryStreams = new MemoryDeliveryStreamStore(this);
        this.brokers = new MemoryBrokerStore(this);
    }

    @Override
    public QueueStore queues() {
        return this;
    }

    @Override
    public TopicStore topics() {
        return topics;
    }

    @Override
    public DeliveryStore deliveries() {
        return deliveries;
    }

    @Override
    public MessageArchiveStore archive() {
        return archive;
    }

    @Override
    public StreamStore streams() {
        return streams;
    }

    @Override
    public MetricStore metrics() {
        return metrics;
    }

    @Override
    public TableStore tables() {
        return tables;
    }

    @Override
    public ObjectStore objects() {
        return objects;
    }

    @Override
    public DeliveryStreamStore deliveryStreams() {
        return deliveryStreams;
    }

    @Override
    public BrokerStore brokers() {
        return brokers;
    }

    @Override
    public DurabilityMode mode() {
        return DurabilityMode.MEMORY;
    }

    @Override
    public String describe() {
        return "memory (nothing is kept after a stop)";
    }

    @Override
    public PendingCommit submit(QueueBatch batch) {
        if (batch.isEmpty()) {
            return PendingCommit.DONE;
        }
        apply(batch);
        return PendingCommit.DONE;
    }

    private synchronized void apply(QueueBatch batch) {
        // One monitor makes a batch atomic for readers that also take it; scans copy under it.
        checkOpen();
        for (QueueBatch.Op op : batch.ops()) {
            switch (op) {
                case QueueBatch.PutQueue put ->
                    queues.put(put.queueId(), put.metadata().clone());
                case QueueBatch.DeleteQueue delete -> {
                    queues.remove(delete.queueId());
                    payloads.remove(delete.queueId());
                    indexes.remove(delete.queueId());
                }
                case QueueBatch.PutPayload put -> space(payloads, put.queueId()).put(put.sequence(), put.payload());
                case QueueBatch.PutIndex put -> space(indexes, put.queueId()).put(put.sequence(), put.index());
                case QueueBatch.DeleteMessage delete -> {
                    space(payloads, delete.queueId()).remove(delete.sequence());
                    space(indexes, delete.queueId()).remove(delete.sequence());
                }
                case QueueBatch.DeleteAllMessages delete -> {
                    payloads.remove(delete.queueId());
                    indexes.remove(delete.queueId());
                }
            }
        }
    }

    private static NavigableMap<Long, byte[]> space(Map<Long, NavigableMap<Long, byte[]>> spaces, long queueId) {
        return spaces.computeIfAbsent(queueId, id -> new ConcurrentSkipListMap<>());
    }

    @Override
    public synchronized void loadQueues(RecordVisitor visitor) {
        checkOpen();
        queues.forEach((id, value) -> visitor.onRecord(id, value.clone()));
    }

    @Override
    public synchronized void scanIndex(long queueId, RecordVisitor visitor) {
        checkOpen();
        NavigableMap<Long, byte[]> index = indexes.get(queueId);
        if (index != null) {
            index.forEach((sequence, value) -> visitor.onRecord(sequence, value.clone()));
        }
    }

    @Override
    public byte @Nullable [] readPayload(long queueId, long sequence) {
        checkOpen();
        NavigableMap<Long, byte[]> space = payloads.get(queueId);
        byte[] value = space == null ? null : space.get(sequence);
        return value == null ? null : value.clone();
    }

    /** Refuses every later call of every store; idempotent. The records stay on the heap until the engine is dropped. */
    @Override
    public synchronized void close() {
        closed = true;
    }

    /** Throws once the engine is closed; the stores call it before touching a record. */
    void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the store is closed: " + describe());
        }
    }
}
