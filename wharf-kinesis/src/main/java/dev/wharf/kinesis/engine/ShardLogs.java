package dev.wharf.kinesis.engine;

import dev.wharf.storage.SequenceNumber;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Makes each shard's {@link ShardLog} on first use, from what the store holds, and trims shards by retention.
 *
 * <p>A shard goes on numbering after its newest stored record. Retention may trim a shard empty, so before each trim
 * the shard's next ordinal is saved as a metadata record ({@code floor/<shard>}), and a restart numbers from the higher
 * of the two: no sequence number is ever handed out twice.
 */
final class ShardLogs {

    private final StreamRegistry streams;
    /** Trims done, for tests and metrics. */
    final AtomicLong trims = new AtomicLong();

    ShardLogs(StreamRegistry streams) {
        this.streams = streams;
    }

    /** Lock of the stream must be held: the shard's log, made from the store on its first use. */
    ShardLog of(Stream stream, int shard, long nowMillis) {
        ShardLog log = stream.logs.get(shard);
        if (log != null) {
            return log;
        }
        // Ordinal 0 is the shard's StartingSequenceNumber, before every record, as on AWS: AFTER it is the first.
        long next = 1;
        long lastArrival = 0;
        SequenceNumber last = streams.store.lastSequence(stream.id, shard);
        if (last != null) {
            next = last.low() + 1;
            long[] arrival = {0};
            streams.store.read(
                    stream.id, shard, last, 1, 1, (sequence, arrivalMillis, data) -> arrival[0] = arrivalMillis);
            lastArrival = arrival[0];
        }
        byte[] floor = streams.store.readMetadata(stream.id, floorName(shard));
        if (floor != null) {
            next = Math.max(next, ByteBuffer.wrap(floor).getLong());
        }
        log = new ShardLog(next, nowMillis);
        log.lastArrivalMillis = lastArrival;
        stream.logs.put(shard, log);
        return log;
    }

    /** A trim that a write found due: the shard, its next ordinal (the floor to save) and the retention horizon. */
    record DueTrim(int shard, long floor, long horizonMillis) {}

    /**
     * Lock of the stream must be held: the trim of a shard that has not been trimmed for a while, after a write to it,
     * or null; the caller runs it with {@link #trim(Stream, DueTrim)} once it has let go of the lock.
     */
    @Nullable
    DueTrim trimDue(Stream stream, int shard, ShardLog log, long nowMillis) {
        if (nowMillis - log.trimmedAtMillis < DataRecords.TRIM_INTERVAL_MILLIS) {
            return null;
        }
        log.trimmedAtMillis = nowMillis;
        return new DueTrim(shard, log.nextOrdinal, horizon(stream, nowMillis));
    }

    /** Runs a trim that {@link #trimDue} found; called without the stream's lock. */
    void trim(Stream stream, DueTrim due) {
        trim(stream, due.shard(), due.floor(), due.horizonMillis());
    }

    /** Trims every shard of every stream by its retention: the sweep for shards that get no writes. */
    void trimAll() {
        long now = streams.clock.millis();
        streams.forEachStream(stream -> {
            int shards;
            long horizon;
            stream.lock.lock();
            try {
                shards = stream.shards.size();
                horizon = horizon(stream, now);
            } finally {
                stream.lock.unlock();
            }
            for (int shard = 0; shard < shards; shard++) {
                long floor;
                stream.lock.lock();
                try {
                    ShardLog log = of(stream, shard, now);
                    log.trimmedAtMillis = now;
                    floor = log.nextOrdinal;
                } finally {
                    stream.lock.unlock();
                }
                trim(stream, shard, floor, horizon);
            }
        });
    }

    private void trim(Stream stream, int shard, long floor, long horizonMillis) {
        streams.store.commit(new dev.wharf.storage.StreamBatch()
                .putMetadata(
                        stream.id,
                        floorName(shard),
                        ByteBuffer.allocate(8).putLong(floor).array()));
        streams.store.trimBeforeTime(stream.id, shard, Math.max(0, horizonMillis));
        trims.incrementAndGet();
    }

    /** Lock must be held: the arrival time before which retention has expired a record. */
    static long horizon(Stream stream, long nowMillis) {
        return nowMillis - stream.retentionHours * 3_600_000L;
    }

    static String floorName(int shard) {
        return "floor/" + shard;
    }

    /** The first durable ordinal at or after a time, or {@code durableNext} when none is. */
    long atOrAfter(Stream stream, int shard, long timeMillis, long durableNext) {
        @Nullable
        SequenceNumber first = streams.store.firstSequenceAtOrAfter(stream.id, shard, Math.max(0, timeMillis));
        return first == null ? durableNext : Math.min(first.low(), durableNext);
    }
}
