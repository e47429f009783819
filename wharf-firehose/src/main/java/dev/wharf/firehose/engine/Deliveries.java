package dev.wharf.firehose.engine;

import dev.wharf.s3.api.ObjectWritePort;
import dev.wharf.storage.DeliveryStreamBatch;
import dev.wharf.storage.DeliveryStreamStore;
import dev.wharf.storage.PendingCommit;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Buffers the records put to delivery streams and delivers them, as Firehose does: a stream's buffer is delivered
 * when its data reach the destination's {@code SizeInMBs} or {@code IntervalInSeconds} have passed since its oldest
 * record, whichever comes first.
 *
 * <p>Records are durable in the store before PutRecord answers, and wait there. A delivery reads them from the
 * destination's cursor as it writes the object, then advances the cursor and deletes them in one batch; a kill
 * between the two redelivers the object (at least once, as Firehose promises) and never loses a record. A failed
 * delivery is tried again every {@link FirehoseConfig#retryInterval()} until the oldest record has waited {@link
 * FirehoseConfig#retryDuration()}; then those records are dropped, as Firehose drops them.
 *
 * <p>Deliveries run on the given executor, at most one per stream; {@link #runDue()} starts those that are due by the
 * clock. Thread-safe.
 */
final class Deliveries {

    private static final Logger LOG = LoggerFactory.getLogger(Deliveries.class);

    private static final double MILLIS_PER_SECOND = 1_000;
    /** The S3BackupModes, of every kind of destination, that write every record to the S3 backup. */
    private static final java.util.Set<String> BACKUP_ALL =
            java.util.Set.of("Enabled", "AllData", "AllEvents", "AllDocuments");

    private final DeliveryStreamStore store;
    private final Clock clock;
    private final FirehoseConfig config;
    private final Executor executor;
    private final Runnable wake;
    private final Sink s3;
    private final HttpEndpointSink httpEndpoint;
    private final SplunkSink splunk;
    private final SearchSink search;
    private final RedshiftSink redshift;
    private final Map<Long, Lane> lanes = new ConcurrentHashMap<>();

    /**
     * @param wake called when a stream's due time may have come nearer, so that whatever runs {@link #runDue()} looks
     *     again
     */
    Deliveries(
            DeliveryStreamStore store,
            ObjectWritePort objects,
            Clock clock,
            FirehoseConfig config,
            Executor executor,
            RandomGenerator random,
            String region,
            FirehoseFunctions functions,
            EndpointPort endpoints,
            TableLoader tables,
            Runnable wake) {
        this.store = store;
        this.clock = clock;
        this.config = config;
        this.executor = executor;
        this.wake = wake;
        ErrorOutput errors = new ErrorOutput(objects, clock, random, region);
        RecordPipeline pipeline = new RecordPipeline(
                functions.invoker(),
                new LambdaFunctions(functions.invokeUrls()),
                errors,
                random,
                region,
                functions.invokeTimeout());
        this.s3 = new S3Sink(
                store,
                objects,
                random,
                region,
                pipeline,
                new ConvertedObjects(
                        store, objects, errors, new GlueTables(config.tables()), random, region, pipeline));
        this.httpEndpoint = new HttpEndpointSink(store, endpoints, errors, s3, pipeline, clock, random, region);
        this.splunk = new SplunkSink(store, endpoints, errors, s3, pipeline, clock, httpEndpoint);
        this.search = new SearchSink(store, endpoints, errors, s3, pipeline, clock, httpEndpoint);
        this.redshift = new RedshiftSink(
                store,
                objects,
                pipeline,
                tables,
                config.redshiftClusters(),
                clock,
                random,
                region,
                config.retryInterval().toMillis());
    }

    /** Indexes a stream's waiting records, reading them from its cursor: at start, or for a new stream. */
    Lane open(FirehoseRecords.StoredStream stream) {
        byte[] stored = store.readResource(FirehoseRecords.cursorKey(stream.id()));
        long cursor = stored == null
                ? 0
                : FirehoseRecords.decode(stored, FirehoseRecords.Cursor.class).next();
        Lane lane = new Lane(stream, cursor, cursor);
        store.scanRecords(stream.id(), cursor, (sequence, value) -> {
            if (lane.bufferedCount == 0) {
                lane.oldestMillis = FirehoseRecords.arrivalOf(value);
            }
            lane.bufferedCount++;
            lane.bufferedBytes += FirehoseRecords.sizeOf(value);
            lane.nextSequence = sequence + 1;
            return true;
        });
        lane.durableEnd = lane.nextSequence;
        lanes.put(stream.id(), lane);
        return lane;
    }

    /** The lane of a stream, or null once it is removed. */
    @Nullable
    Lane lane(long streamId) {
        return lanes.get(streamId);
    }

    /** The lanes of the streams that live, in no order; for the metrics' snapshots. */
    java.util.Collection<Lane> lanes() {
        return lanes.values();
    }

    /** Asks whatever runs {@link #runDue()} to look again, since a stream's due time may have changed. */
    void runDueSoon() {
        wake.run();
    }

    /** Forgets a deleted stream: a delivery still running for it commits nothing. */
    void remove(long streamId) {
        httpEndpoint.forget(streamId);
        splunk.forget(streamId);
        search.forget(streamId);
        redshift.forget(streamId);
        Lane lane = lanes.remove(streamId);
        if (lane != null) {
            lane.lock.lock();
            try {
                lane.removed = true;
            } finally {
                lane.lock.unlock();
            }
        }
    }

    /**
     * Accepts records into a stream's buffer, durably: the store holds them when this returns.
     *
     * @return the sequence of the first record; the others follow it
     */
    long put(Lane lane, List<byte[]> data) {
        return put(lane, data, new DeliveryStreamBatch());
    }

    /**
     * Accepts records as {@link #put(Lane, List)} does, in one store batch with the changes {@code batch} already
     * holds (a Kinesis source's checkpoint), so that both are durable or neither is.
     */
    long put(Lane lane, List<byte[]> data, DeliveryStreamBatch batch) {
        long now = clock.millis();
        long first;
        PendingCommit pending;
        lane.lock.lock();
        try {
            first = lane.nextSequence;
            long bytes = 0;
            for (int i = 0; i < data.size(); i++) {
                batch.putRecord(lane.streamId, first + i, FirehoseRecords.record(now, data.get(i)));
                bytes += data.get(i).length;
            }
            // Submitted under the lock, so that the store's commit order is the sequences' order.
            pending = store.submit(batch);
            lane.nextSequence = first + data.size();
            if (lane.bufferedCount == 0) {
                lane.oldestMillis = now;
            }
            lane.bufferedCount += data.size();
            lane.bufferedBytes += bytes;
        } finally {
            lane.lock.unlock();
        }
        pending.await();
        lane.lock.lock();
        try {
            lane.durableEnd = Math.max(lane.durableEnd, first + data.size());
        } finally {
            lane.lock.unlock();
        }
        wake.run();
        return first;
    }

    /**
     * What one {@link #runDue()} did.
     *
     * @param started the deliveries it started
     * @param nextMillis the earliest time, in epoch millis, at which a stream not started falls due; {@link
     *     Long#MAX_VALUE} when none waits
     */
    record Round(int started, long nextMillis) {}

    /** Starts the delivery of every stream that is due by the clock and has none running. */
    Round runDue() {
        long now = clock.millis();
        long next = Long.MAX_VALUE;
        int started = 0;
        for (Lane lane : lanes.values()) {
            boolean start = false;
            lane.lock.lock();
            try {
                if (!lane.delivering) {
                    long due = lane.dueMillis();
                    if (due <= now) {
                        lane.delivering = true;
                        start = true;
                    } else {
                        next = Math.min(next, due);
                    }
                }
            } finally {
                lane.lock.unlock();
            }
            if (start) {
                started++;
                executor.execute(() -> deliver(lane));
            }
        }
        return new Round(started, next);
    }

    /** Delivers one object from a stream's buffer, then settles the lane; runs on the executor. */
    private void deliver(Lane lane) {
        long from;
        long end;
        long oldest;
        FirehoseRecords.StoredStream stream;
        Sink.Delivered tried;
        lane.lock.lock();
        try {
            from = lane.cursor;
            end = lane.durableEnd;
            oldest = lane.oldestMillis;
            stream = lane.stream;
            tried = new Sink.Delivered(end - 1, lane.bufferedBytes, (int) lane.bufferedCount);
        } finally {
            lane.lock.unlock();
        }
        boolean[] waiting = {false};
        store.scanRecords(stream.id(), from, (sequence, value) -> {
            waiting[0] = sequence < end;
            return false;
        });
        if (!waiting[0]) {
            // Every record before durableEnd is in the store, so none there means the index counted records that
            // the store does not hold (a put whose commit failed): it is reset to the store, rather than deliver
            // empty objects for ever.
            resync(lane);
            wake.run();
            return;
        }
        Sink sink = sinkFor(stream);
        try {
            Sink.Delivered written = sink.deliver(stream, from, end, oldest);
            counted(lane, stream, written, written, (clock.millis() - oldest) / MILLIS_PER_SECOND);
            settle(lane, written.lastSequence(), written.bytes(), written.count(), null);
        } catch (RuntimeException e) {
            counted(lane, stream, null, tried, 0);
            failed(lane, stream, from, end, oldest, e);
        } catch (Error e) {
            lane.lock.lock();
            try {
                lane.delivering = false;
            } finally {
                lane.lock.unlock();
            }
            throw e;
        } finally {
            wake.run();
        }
    }

    /** Counts a delivery tried in its stream's AWS/Firehose figures, by its destination. */
    private void counted(
            Lane lane,
            FirehoseRecords.StoredStream stream,
            Sink.@Nullable Delivered delivered,
            Sink.Delivered tried,
            double freshnessSeconds) {
        FirehoseRecords.OtherDestination other = stream.other();
        StreamCounts.Destination destination;
        String backupMode;
        if (other != null && other.httpEndpoint() != null) {
            destination = StreamCounts.Destination.HTTP_ENDPOINT;
            backupMode = other.httpEndpoint().s3BackupMode();
        } else if (other != null && other.splunk() != null) {
            destination = StreamCounts.Destination.SPLUNK;
            backupMode = other.splunk().s3BackupMode();
        } else if (other != null && other.amazonopensearchservice() != null) {
            destination = StreamCounts.Destination.AMAZON_OPENSEARCH_SERVICE;
            backupMode = other.amazonopensearchservice().s3BackupMode();
        } else if (other != null && other.elasticsearch() != null) {
            destination = StreamCounts.Destination.ELASTICSEARCH;
            backupMode = other.elasticsearch().s3BackupMode();
        } else if (other != null && other.redshift() != null) {
            destination = StreamCounts.Destination.REDSHIFT;
            backupMode = other.redshift().s3BackupMode();
        } else {
            destination = StreamCounts.Destination.S3;
            backupMode = stream.destination().s3BackupMode();
        }
        boolean backsUpAll = backupMode != null && BACKUP_ALL.contains(backupMode);
        lane.counts.onDelivery(destination, delivered, tried, freshnessSeconds, backsUpAll);
    }

    /** The sink of a stream's destination. */
    private Sink sinkFor(FirehoseRecords.StoredStream stream) {
        FirehoseRecords.OtherDestination other = stream.other();
        if (other != null && other.httpEndpoint() != null) {
            return httpEndpoint;
        }
        if (other != null && other.splunk() != null) {
            return splunk;
        }
        if (other != null && (other.amazonopensearchservice() != null || other.elasticsearch() != null)) {
            return search;
        }
        if (other != null && other.redshift() != null) {
            return redshift;
        }
        return s3;
    }

    private void failed(
            Lane lane, FirehoseRecords.StoredStream stream, long from, long end, long oldest, Exception cause) {
        long now = clock.millis();
        if (oldest + config.retryDuration().toMillis() <= now) {
            LOG.warn(
                    "Firehose stream {} dropped the records it could not deliver to {} for {}: {}",
                    stream.name(),
                    stream.destination().bucketARN(),
                    config.retryDuration(),
                    cause.getMessage());
            long[] dropped = {-1, 0, 0};
            store.scanRecords(stream.id(), from, (sequence, value) -> {
                if (sequence >= end
                        || FirehoseRecords.arrivalOf(value)
                                        + config.retryDuration().toMillis()
                                > now) {
                    return false;
                }
                dropped[0] = sequence;
                dropped[1] += FirehoseRecords.sizeOf(value);
                dropped[2]++;
                return true;
            });
            settle(lane, dropped[0], dropped[1], (int) dropped[2], null);
            return;
        }
        LOG.debug("Firehose stream {} failed a delivery, to retry: {}", stream.name(), cause.getMessage());
        long retryAt = cause instanceof Sink.RetryLater later
                ? later.atMillis()
                : now + config.retryInterval().toMillis();
        settle(lane, -1, 0, 0, retryAt);
    }

    /** Recounts a lane's waiting records from the store and ends its delivery. */
    private void resync(Lane lane) {
        lane.lock.lock();
        try {
            lane.bufferedCount = 0;
            lane.bufferedBytes = 0;
            lane.oldestMillis = 0;
            store.scanRecords(lane.streamId, lane.cursor, (sequence, value) -> {
                if (lane.bufferedCount == 0) {
                    lane.oldestMillis = FirehoseRecords.arrivalOf(value);
                }
                lane.bufferedCount++;
                lane.bufferedBytes += FirehoseRecords.sizeOf(value);
                return true;
            });
            lane.delivering = false;
        } finally {
            lane.lock.unlock();
        }
    }

    /**
     * Advances a lane past what a delivery took, durably, and ends the delivery.
     *
     * @param last the last sequence delivered (or dropped), -1 for none
     * @param retryAt when to try again after a failure, or null after a success
     */
    private void settle(Lane lane, long last, long bytes, int count, @Nullable Long retryAt) {
        if (last >= 0) {
            boolean removed;
            lane.lock.lock();
            try {
                removed = lane.removed;
            } finally {
                lane.lock.unlock();
            }
            if (!removed) {
                store.commit(new DeliveryStreamBatch()
                        .putResource(
                                FirehoseRecords.cursorKey(lane.streamId),
                                FirehoseRecords.encode(new FirehoseRecords.Cursor(last + 1)))
                        .deleteRecordsBefore(lane.streamId, last + 1));
            }
        }
        lane.lock.lock();
        try {
            if (last >= 0) {
                lane.cursor = last + 1;
                lane.bufferedBytes -= bytes;
                lane.bufferedCount -= count;
                lane.oldestMillis = 0;
                if (lane.bufferedCount > 0 && !lane.removed) {
                    store.scanRecords(lane.streamId, lane.cursor, (sequence, value) -> {
                        lane.oldestMillis = FirehoseRecords.arrivalOf(value);
                        return false;
                    });
                }
            }
            lane.retryAtMillis = retryAt == null ? 0 : retryAt;
            lane.delivering = false;
        } finally {
            lane.lock.unlock();
        }
    }
}
