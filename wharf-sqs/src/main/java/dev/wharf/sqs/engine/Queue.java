package dev.wharf.sqs.engine;

/**
 * One live queue: its metadata, and the owner of its in-memory message indexes.
 *
 * <p>Metadata is replaced whole under the engine's registry lock and read without a lock; message state is guarded by
 * this object's own lock (see docs/THREADING.md).
 */
final class Queue {

    private volatile QueueMetadata metadata;

    Queue(QueueMetadata metadata) {
        this.metadata = metadata;
    }

    QueueMetadata metadata() {
        return metadata;
    }

    void metadata(QueueMetadata updated) {
        this.metadata = updated;
    }

    long queueId() {
        return metadata.queueId();
    }
}
