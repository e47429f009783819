package dev.wharf.storage;

import java.util.ArrayList;
import java.util.List;

/**
 * The changes of one API call to a {@link QueueStore}, applied atomically by {@link QueueStore#commit(QueueBatch)}.
 *
 * <p>Not thread-safe: one caller builds a batch, then commits it once.
 */
public final class QueueBatch {

    /** One change; the closed set that every backend applies. */
    public sealed interface Op {}

    /** Creates or replaces a queue's metadata. */
    public record PutQueue(long queueId, byte[] metadata) implements Op {}

    /** Deletes a queue's metadata and every message and record it holds. */
    public record DeleteQueue(long queueId) implements Op {}

    /** Writes a message's immutable payload. */
    public record PutPayload(long queueId, long sequence, byte[] payload) implements Op {}

    /** Writes a message's mutable index record (its timers and counters). */
    public record PutIndex(long queueId, long sequence, byte[] index) implements Op {}

    /** Deletes a message's payload and index record. */
    public record DeleteMessage(long queueId, long sequence) implements Op {}

    /** Deletes every message of a queue but keeps the queue. */
    public record DeleteAllMessages(long queueId) implements Op {}

    private final List<Op> ops = new ArrayList<>();

    public QueueBatch putQueue(long queueId, byte[] metadata) {
        ops.add(new PutQueue(queueId, metadata));
        return this;
    }

    public QueueBatch deleteQueue(long queueId) {
        ops.add(new DeleteQueue(queueId));
        return this;
    }

    public QueueBatch putPayload(long queueId, long sequence, byte[] payload) {
        ops.add(new PutPayload(queueId, sequence, payload));
        return this;
    }

    public QueueBatch putIndex(long queueId, long sequence, byte[] index) {
        ops.add(new PutIndex(queueId, sequence, index));
        return this;
    }

    public QueueBatch deleteMessage(long queueId, long sequence) {
        ops.add(new DeleteMessage(queueId, sequence));
        return this;
    }

    public QueueBatch deleteAllMessages(long queueId) {
        ops.add(new DeleteAllMessages(queueId));
        return this;
    }

    public List<Op> ops() {
        return ops;
    }

    public boolean isEmpty() {
        return ops.isEmpty();
    }
}
