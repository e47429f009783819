package dev.wharf.kinesis.engine;

import dev.wharf.kinesis.api.KinesisLimits;
import dev.wharf.storage.SequenceNumber;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The running state of one shard's records, next to its {@link ShardState}: the next ordinal to hand out, the newest
 * arrival time (which must not go back, for the store's time index), how far the store has made appends durable, and
 * the shard's throughput buckets. Made on a shard's first use, from the store.
 *
 * <p>Readers see a record only once it is durable ({@link #durableNext}): a record that a crash could still lose is
 * never handed to a consumer, so its sequence number, which a restart may hand out again, is never checkpointed.
 */
final class ShardLog {

    /** The next ordinal to hand out; guarded by the stream's lock. */
    long nextOrdinal;
    /** The newest arrival time handed out; guarded by the stream's lock. */
    long lastArrivalMillis;
    /** When retention last trimmed this shard; guarded by the stream's lock. */
    long trimmedAtMillis;
    /** Every ordinal below this is durable and may be read. */
    final AtomicLong durableNext;

    /** Writes a second: records and bytes (data and partition key); guarded by the stream's lock. */
    final Throughput writeRecords;

    final Throughput writeBytes;
    /** Reads a second, shared by every GetRecords reader of the shard; guarded by {@link #readLock}. */
    final Throughput readCalls;

    final Throughput readBytes;
    final Object readLock = new Object();
    /** The CloudWatch samples of the shard's writes; guarded by the stream's lock, replaced whole by a snapshot. */
    ShardCounts.Writes writeCounts = new ShardCounts.Writes();
    /** The CloudWatch samples of the shard's reads; guarded by {@link #readLock}, replaced whole by a snapshot. */
    ShardCounts.Reads readCounts = new ShardCounts.Reads();

    ShardLog(long nextOrdinal, long nowMillis) {
        this.nextOrdinal = nextOrdinal;
        this.durableNext = new AtomicLong(nextOrdinal);
        this.trimmedAtMillis = nowMillis;
        this.writeRecords = new Throughput(KinesisLimits.SHARD_WRITE_RECORDS_PER_SECOND, nowMillis);
        this.writeBytes = new Throughput(KinesisLimits.SHARD_WRITE_BYTES_PER_SECOND, nowMillis);
        this.readCalls = new Throughput(KinesisLimits.SHARD_READ_CALLS_PER_SECOND, nowMillis);
        this.readBytes = new Throughput(KinesisLimits.SHARD_READ_BYTES_PER_SECOND, nowMillis);
    }

    /**
     * Lock of the stream must be held: takes one record of {@code bytes} from the write buckets if both have room,
     * and nothing otherwise.
     */
    boolean takeWrite(long bytes, long nowMillis) {
        if (!writeRecords.has(1, nowMillis) || !writeBytes.has(bytes, nowMillis)) {
            return false;
        }
        writeRecords.tryTake(1, nowMillis);
        writeBytes.tryTake(bytes, nowMillis);
        return true;
    }

    /** Wakes subscribers when records become readable. */
    private final ReentrantLock appendLock = new ReentrantLock();

    private final Condition appended = appendLock.newCondition();
    /** Subscribers waiting on {@link #appended}; a write signals only when there are some. */
    private final AtomicInteger waiting = new AtomicInteger();

    /** Marks every ordinal below {@code next} durable; commits finish in order, so the mark only moves forward. */
    void durableUpTo(long next) {
        durableNext.accumulateAndGet(next, Math::max);
        if (waiting.get() > 0) {
            appendLock.lock();
            try {
                appended.signalAll();
            } finally {
                appendLock.unlock();
            }
        }
    }

    /**
     * Waits until records at or after {@code from} are readable, or {@code maxMillis} pass, whichever is first: how a
     * subscription waits for new records without polling the store.
     */
    void awaitReadable(long from, long maxMillis) throws InterruptedException {
        if (maxMillis <= 0 || durableNext.get() > from) {
            return;
        }
        waiting.incrementAndGet();
        appendLock.lock();
        try {
            long nanos = TimeUnit.MILLISECONDS.toNanos(maxMillis);
            while (durableNext.get() <= from && nanos > 0) {
                nanos = appended.awaitNanos(nanos);
            }
        } finally {
            appendLock.unlock();
            waiting.decrementAndGet();
        }
    }

    /** Wakes every waiting subscriber, as a take-over or a shutdown of their subscriptions does. */
    void wakeAll() {
        appendLock.lock();
        try {
            appended.signalAll();
        } finally {
            appendLock.unlock();
        }
    }

    /** The store's key of an ordinal of this shard. */
    static SequenceNumber key(long ordinal) {
        return new SequenceNumber(0, ordinal);
    }
}
