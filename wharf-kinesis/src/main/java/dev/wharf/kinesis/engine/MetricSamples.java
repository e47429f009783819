package dev.wharf.kinesis.engine;

import dev.wharf.kinesis.api.StatisticSet;
import org.jspecify.annotations.Nullable;

/**
 * One metric's samples since the last snapshot, as a CloudWatch statistic set counts them: how many, their sum, the
 * least and the greatest. Adding one is four plain field updates, with no allocation. Not thread-safe: its owner's lock
 * guards it, and a snapshot takes it under the same lock, so a sample lands in exactly one snapshot.
 */
final class MetricSamples {

    private long count;
    private long sum;
    private long min = Long.MAX_VALUE;
    private long max = Long.MIN_VALUE;

    void add(long value) {
        count++;
        sum += value;
        if (value < min) {
            min = value;
        }
        if (value > max) {
            max = value;
        }
    }

    /** Adds another metric's samples to these, as the stream's GetRecords figures gather its shards'. */
    void addAll(MetricSamples other) {
        if (other.count == 0) {
            return;
        }
        count += other.count;
        sum += other.sum;
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
    }

    void reset() {
        count = 0;
        sum = 0;
        min = Long.MAX_VALUE;
        max = Long.MIN_VALUE;
    }

    /**
     * The samples as a statistic set in the metric's unit, each value multiplied by {@code scale} (nanoseconds to
     * milliseconds, say), or null when there are none; then starts again from none.
     */
    @Nullable
    StatisticSet take(double scale) {
        StatisticSet set = count == 0 ? null : new StatisticSet(count, sum * scale, min * scale, max * scale);
        reset();
        return set;
    }

    @Nullable
    StatisticSet take() {
        return take(1);
    }
}
