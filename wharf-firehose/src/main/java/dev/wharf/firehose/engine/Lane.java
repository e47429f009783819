package dev.wharf.firehose.engine;

import java.util.concurrent.locks.ReentrantLock;

/**
 * One delivery stream's buffer, as the engine keeps it in memory: a small index over the records that wait in the
 * store, never the records themselves.
 *
 * <p>Its fields are guarded by {@link #lock}; {@link Deliveries} holds it to accept records and to begin and end a
 * delivery, never while it writes an object.
 */
final class Lane {

    final long streamId;
    final ReentrantLock lock = new ReentrantLock();
    /** The stream's AWS/Firehose samples since the last snapshot; thread-safe, outside {@link #lock}. */
    final StreamCounts counts = new StreamCounts();
    /** The stream's configuration as of its last change; read by deliveries. */
    volatile FirehoseRecords.StoredStream stream;
    /** The sequence of the next record accepted. */
    long nextSequence;
    /**
     * The sequence after the last record whose put has returned: every record before it is durable, since commits
     * are durable in their order. A delivery takes records before it only, so that it never reads a record the store
     * may not show yet.
     */
    long durableEnd;
    /** The sequence of the first record not yet delivered. */
    long cursor;
    /** The data of the records from the cursor on. */
    long bufferedBytes;

    long bufferedCount;
    /** When the oldest record waiting arrived, in epoch millis; 0 while none waits. */
    long oldestMillis;
    /** Whether a delivery is running; at most one runs per stream. */
    boolean delivering;
    /** When a failed delivery is next tried, in epoch millis; 0 unless one failed. */
    long retryAtMillis;
    /** Whether the stream was deleted, so that a delivery still running commits nothing. */
    boolean removed;

    Lane(FirehoseRecords.StoredStream stream, long cursor, long nextSequence) {
        this.streamId = stream.id();
        this.stream = stream;
        this.cursor = cursor;
        this.nextSequence = nextSequence;
        this.durableEnd = nextSequence;
    }

    /**
     * When the buffer is due for delivery: at once when it holds its size, at the retry time after a failure, when its
     * interval has passed since its oldest record otherwise; {@link Long#MAX_VALUE} while it is empty or none of its
     * records is durable yet. Lock held.
     */
    long dueMillis() {
        if (bufferedCount == 0 || removed || durableEnd <= cursor) {
            return Long.MAX_VALUE;
        }
        if (retryAtMillis > 0) {
            return retryAtMillis;
        }
        if (bufferedBytes >= Buffering.sizeBytes(stream)) {
            return 0;
        }
        return oldestMillis + Buffering.intervalMillis(stream);
    }
}
