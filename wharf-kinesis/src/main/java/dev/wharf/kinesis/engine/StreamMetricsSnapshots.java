package dev.wharf.kinesis.engine;

import dev.wharf.kinesis.api.ShardMetrics;
import dev.wharf.kinesis.api.StatisticSet;
import dev.wharf.kinesis.api.StreamMetrics;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Takes every stream's CloudWatch samples since the last snapshot, swapping each set of samples for a fresh one under
 * the lock that guards it, so that every sample lands in exactly one snapshot: the stream's and its shards' write
 * samples under the stream's lock, each shard's read samples under the shard's read lock (never both at once). The
 * stream's GetRecords metrics are the union of its shards' samples, since a read reads one shard. Shard-level metrics
 * are given only for what the stream's enhanced monitoring names when the snapshot is taken; the others are taken all
 * the same, so a metric turned on starts from the snapshot before.
 */
final class StreamMetricsSnapshots {

    private static final double NANOS_TO_MILLIS = 1e-6;

    private StreamMetricsSnapshots() {}

    static List<StreamMetrics> take(StreamRegistry streams) {
        List<StreamMetrics> out = new ArrayList<>();
        streams.forEachStream(stream -> {
            StreamMetrics metrics = take(stream);
            if (metrics != null) {
                out.add(metrics);
            }
        });
        return out;
    }

    /** A shard's samples, once swapped out of its log. */
    private record Taken(int shard, ShardLog log, ShardCounts.Writes writes) {}

    private static @Nullable StreamMetrics take(Stream stream) {
        StreamCounts writes;
        List<Taken> shards = new ArrayList<>();
        Set<String> enabled;
        stream.lock.lock();
        try {
            writes = stream.counts;
            stream.counts = new StreamCounts();
            for (Map.Entry<Integer, ShardLog> entry : stream.logs.entrySet()) {
                ShardLog log = entry.getValue();
                shards.add(new Taken(entry.getKey(), log, log.writeCounts));
                log.writeCounts = new ShardCounts.Writes();
            }
            enabled = Set.copyOf(stream.metrics);
        } finally {
            stream.lock.unlock();
        }
        shards.sort(Comparator.comparingInt(Taken::shard));
        ShardCounts.Reads reads = new ShardCounts.Reads();
        List<ShardMetrics> shardMetrics = new ArrayList<>();
        for (Taken shard : shards) {
            ShardCounts.Reads shardReads;
            synchronized (shard.log().readLock) {
                shardReads = shard.log().readCounts;
                shard.log().readCounts = new ShardCounts.Reads();
            }
            ShardMetrics metrics = shardMetrics(shard, shardReads, enabled);
            if (metrics != null) {
                shardMetrics.add(metrics);
            }
            gather(reads, shardReads);
        }
        StreamMetrics metrics = streamMetrics(stream, writes, reads, shardMetrics);
        return quiet(metrics) ? null : metrics;
    }

    /** Adds a shard's GetRecords samples to the stream's. */
    private static void gather(ShardCounts.Reads stream, ShardCounts.Reads shard) {
        stream.getRecordsBytes.addAll(shard.getRecordsBytes);
        stream.getRecordsRecords.addAll(shard.getRecordsRecords);
        stream.getRecordsIteratorAgeMillis.addAll(shard.getRecordsIteratorAgeMillis);
        stream.getRecordsSuccess.addAll(shard.getRecordsSuccess);
        stream.getRecordsLatency.addAll(shard.getRecordsLatency);
        stream.readProvisionedThroughputExceeded.addAll(shard.readProvisionedThroughputExceeded);
    }

    private static StreamMetrics streamMetrics(
            Stream stream, StreamCounts writes, ShardCounts.Reads reads, List<ShardMetrics> shards) {
        return new StreamMetrics(
                stream.accountId,
                stream.name,
                writes.incomingBytes.take(),
                writes.incomingRecords.take(),
                writes.putRecordBytes.take(),
                writes.putRecordSuccess.take(),
                writes.putRecordLatency.take(NANOS_TO_MILLIS),
                writes.putRecordsBytes.take(),
                writes.putRecordsSuccess.take(),
                writes.putRecordsLatency.take(NANOS_TO_MILLIS),
                writes.putRecordsTotalRecords.take(),
                writes.putRecordsSuccessfulRecords.take(),
                writes.putRecordsFailedRecords.take(),
                writes.putRecordsThrottledRecords.take(),
                reads.getRecordsBytes.take(),
                reads.getRecordsRecords.take(),
                reads.getRecordsSuccess.take(),
                reads.getRecordsLatency.take(NANOS_TO_MILLIS),
                reads.getRecordsIteratorAgeMillis.take(),
                writes.writeProvisionedThroughputExceeded.take(),
                reads.readProvisionedThroughputExceeded.take(),
                shards);
    }

    /** A shard's enhanced metrics that its stream enables, or null when none of them had a sample. */
    private static @Nullable ShardMetrics shardMetrics(Taken shard, ShardCounts.Reads reads, Set<String> enabled) {
        // Outgoing counts GetRecords and SubscribeToShard events alike, as AWS's table says.
        MetricSamples outgoingBytes = new MetricSamples();
        outgoingBytes.addAll(reads.getRecordsBytes);
        outgoingBytes.addAll(reads.eventBytes);
        MetricSamples outgoingRecords = new MetricSamples();
        outgoingRecords.addAll(reads.getRecordsRecords);
        outgoingRecords.addAll(reads.eventRecords);
        ShardMetrics metrics = new ShardMetrics(
                ShardIds.of(shard.shard()),
                enabledOrNull(enabled, "IncomingBytes", shard.writes().incomingBytes),
                enabledOrNull(enabled, "IncomingRecords", shard.writes().incomingRecords),
                enabledOrNull(enabled, "OutgoingBytes", outgoingBytes),
                enabledOrNull(enabled, "OutgoingRecords", outgoingRecords),
                enabledOrNull(enabled, "IteratorAgeMilliseconds", reads.getRecordsIteratorAgeMillis),
                enabledOrNull(enabled, "ReadProvisionedThroughputExceeded", reads.readProvisionedThroughputExceeded),
                enabledOrNull(
                        enabled,
                        "WriteProvisionedThroughputExceeded",
                        shard.writes().writeProvisionedThroughputExceeded));
        boolean any = metrics.incomingBytes() != null
                || metrics.incomingRecords() != null
                || metrics.outgoingBytes() != null
                || metrics.outgoingRecords() != null
                || metrics.iteratorAgeMilliseconds() != null
                || metrics.readProvisionedThroughputExceeded() != null
                || metrics.writeProvisionedThroughputExceeded() != null;
        return any ? metrics : null;
    }

    /**
     * A shard-level metric's statistic set when the stream enables it; reads do not empty what the stream gathers.
     */
    private static @Nullable StatisticSet enabledOrNull(Set<String> enabled, String metric, MetricSamples samples) {
        if (!enabled.contains(metric)) {
            return null;
        }
        MetricSamples copy = new MetricSamples();
        copy.addAll(samples);
        return copy.take();
    }

    /** Whether a stream had no sample at all: every write has a throttling sample, and every read a success one. */
    private static boolean quiet(StreamMetrics metrics) {
        return metrics.writeProvisionedThroughputExceeded() == null
                && metrics.getRecordsSuccess() == null
                && metrics.shards().isEmpty();
    }
}
