package dev.wharf.firehose.engine;

import dev.wharf.common.AwsException;
import dev.wharf.firehose.api.KinesisStreamSourceConfiguration;
import dev.wharf.kinesis.api.ShardReadPort;
import dev.wharf.kinesis.api.StreamRecord;
import dev.wharf.storage.DeliveryStreamBatch;
import dev.wharf.storage.DeliveryStreamStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the Kinesis streams that delivery streams take as their source, as a consumer does, and puts what it reads
 * into the streams' buffers exactly as PutRecord does.
 *
 * <p>Each shard is read once a second ({@link #READ_INTERVAL_MILLIS}, as Firehose calls GetRecords once per second
 * per shard), a bounded page at a time, from its checkpoint: the sequence number of the last record taken, committed
 * in the same store batch as the records, so that a kill neither loses nor duplicates a record and reading resumes
 * there after a restart. A shard with no checkpoint yet is read from the delivery stream's start timestamp (its
 * creation: Firehose starts at LATEST). The children of a closed shard are read once each of its parents is read to
 * its end, as the KCL does, so that a key's records keep their order.
 *
 * <p>{@link #runDue()} reads every source that is due; one caller at a time (the engine's reader thread, or a test).
 */
final class KinesisSources {

    private static final Logger LOG = LoggerFactory.getLogger(KinesisSources.class);
    static final String CHECKPOINT_PREFIX = "k/";
    /** How often a shard is read. */
    static final long READ_INTERVAL_MILLIS = 1_000;
    /**
     * The records of one read: twice a shard's write limit of 1,000 records a second, so that a reader that fell behind
     * catches up; the page's bytes are bounded by GetRecords' 10 MiB.
     */
    static final int PAGE_RECORDS = 2_000;

    private final DeliveryStreamStore store;
    private final ShardReadPort kinesis;
    private final Deliveries deliveries;
    private final Clock clock;
    private final long transitionMillis;
    private final Map<Long, Source> sources = new ConcurrentHashMap<>();

    KinesisSources(
            DeliveryStreamStore store,
            ShardReadPort kinesis,
            Deliveries deliveries,
            Clock clock,
            long transitionMillis) {
        this.store = store;
        this.kinesis = kinesis;
        this.deliveries = deliveries;
        this.clock = clock;
        this.transitionMillis = transitionMillis;
    }

    /**
     * A shard's checkpoint.
     *
     * @param sequenceNumber the last record taken, or null while none was
     * @param ended whether the shard was read to its end
     */
    record Checkpoint(@Nullable String sequenceNumber, boolean ended) {}

    /** One delivery stream's source and its checkpoints by shard id; touched by the one reader. */
    private static final class Source {
        final FirehoseRecords.StoredStream stream;
        final Map<String, Checkpoint> checkpoints = new HashMap<>();
        long nextReadMillis;
        boolean warned;

        Source(FirehoseRecords.StoredStream stream) {
            this.stream = stream;
        }
    }

    static String prefix(long streamId) {
        return CHECKPOINT_PREFIX + String.format(java.util.Locale.ROOT, "%016x", streamId) + "/";
    }

    /** Starts reading a stream's source from its checkpoints: at start, or for a new stream. */
    void open(FirehoseRecords.StoredStream stream) {
        Source source = new Source(stream);
        String prefix = prefix(stream.id());
        store.scanResources(
                prefix,
                (key, value) -> source.checkpoints.put(
                        key.substring(prefix.length()), FirehoseRecords.decode(value, Checkpoint.class)));
        sources.put(stream.id(), source);
    }

    /** Stops reading a deleted stream's source. */
    void remove(long streamId) {
        sources.remove(streamId);
    }

    /**
     * Reads every source that is due and active.
     *
     * @return when the next source falls due, in epoch millis
     */
    long runDue() {
        long next = Long.MAX_VALUE;
        for (Source source : sources.values()) {
            long now = clock.millis();
            long active = source.stream.createdMillis() + transitionMillis;
            if (now >= Math.max(active, source.nextReadMillis)) {
                source.nextReadMillis = now + READ_INTERVAL_MILLIS;
                try {
                    read(source);
                } catch (RuntimeException e) {
                    if (!source.warned) {
                        source.warned = true;
                        LOG.warn(
                                "Firehose stream {} cannot read its Kinesis source; it tries again every second",
                                source.stream.name(),
                                e);
                    }
                }
            }
            next = Math.min(next, Math.max(active, source.nextReadMillis));
        }
        return next;
    }

    private void read(Source source) {
        Lane lane = deliveries.lane(source.stream.id());
        if (lane == null || sources.get(source.stream.id()) != source) {
            return;
        }
        String arn = arnOf(source.stream);
        List<ShardReadPort.ShardDescription> shards = kinesis.shards(arn);
        Set<String> listed = new HashSet<>();
        for (ShardReadPort.ShardDescription shard : shards) {
            listed.add(shard.shardId());
        }
        for (ShardReadPort.ShardDescription shard : shards) {
            Checkpoint checkpoint = source.checkpoints.get(shard.shardId());
            if ((checkpoint != null && checkpoint.ended())
                    || !done(source, listed, shard.parentShardId())
                    || !done(source, listed, shard.adjacentParentShardId())) {
                continue;
            }
            readShard(source, lane, arn, shard.shardId(), checkpoint);
        }
        source.warned = false;
    }

    /** Whether a parent is read to its end, or is gone from the stream (its records expired). */
    private static boolean done(Source source, Set<String> listed, @Nullable String parent) {
        if (parent == null || !listed.contains(parent)) {
            return true;
        }
        Checkpoint checkpoint = source.checkpoints.get(parent);
        return checkpoint != null && checkpoint.ended();
    }

    private void readShard(Source source, Lane lane, String arn, String shardId, @Nullable Checkpoint checkpoint) {
        String after = checkpoint == null ? null : checkpoint.sequenceNumber();
        ShardReadPort.Position from = after != null
                ? new ShardReadPort.Position(after, null)
                : new ShardReadPort.Position(null, Instant.ofEpochMilli(source.stream.createdMillis()));
        ShardReadPort.Page page = kinesis.read(arn, shardId, from, PAGE_RECORDS);
        if (page.throttled() || (page.records().isEmpty() && !page.shardEnded())) {
            return;
        }
        List<byte[]> data = new ArrayList<>(page.records().size());
        String last = after;
        for (StreamRecord record : page.records()) {
            data.add(Objects.requireNonNull(record.data()));
            last = record.sequenceNumber();
        }
        Checkpoint next = new Checkpoint(last, page.shardEnded());
        DeliveryStreamBatch batch = new DeliveryStreamBatch()
                .putResource(prefix(source.stream.id()) + shardId, FirehoseRecords.encode(next));
        if (data.isEmpty()) {
            store.commit(batch);
        } else {
            deliveries.put(lane, data, batch);
            long bytes = 0;
            for (byte[] record : data) {
                bytes += record.length;
            }
            lane.counts.onReadFromKinesis(data.size(), bytes);
        }
        source.checkpoints.put(shardId, next);
    }

    static String arnOf(FirehoseRecords.StoredStream stream) {
        KinesisStreamSourceConfiguration source = Objects.requireNonNull(stream.kinesisSource());
        return Objects.requireNonNull(source.kinesisStreamARN());
    }

    /**
     * Checks that a source stream exists, as CreateDeliveryStream does.
     *
     * @throws AwsException {@code InvalidArgumentException} when it does not
     */
    static void checkExists(@Nullable ShardReadPort kinesis, String arn) {
        if (kinesis == null) {
            throw dev.wharf.firehose.api.FirehoseError.InvalidArgument.with(
                    "This server reads no Kinesis streams, so " + arn + " cannot be a source.");
        }
        try {
            kinesis.shards(arn);
        } catch (AwsException e) {
            throw dev.wharf.firehose.api.FirehoseError.InvalidArgument.with(
                    "Kinesis stream " + arn + " does not exist or is not ACTIVE.");
        }
    }
}
