package dev.wharf.dynamodb.engine;

import dev.wharf.dynamodb.api.StatisticSet;
import org.jspecify.annotations.Nullable;

/**
 * One metric's samples since the last snapshot, as a CloudWatch statistic set counts them: how many, their sum, the
 * least and the greatest. Adding one is four field updates, with no allocation. Not thread-safe: its owner's monitor
 * guards it, and a snapshot takes it under the same monitor, so a sample lands in exactly one snapshot.
 */
final class Samples {

    private long count;
    private double sum;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;

    void add(double value) {
        count++;
        sum += value;
        if (value < min) {
            min = value;
        }
        if (value > max) {
            max = value;
        }
    }

    boolean isEmpty() {
        return count == 0;
    }

    /** The samples as a statistic set, or null when there are none; then starts again from none. */
    @Nullable
    StatisticSet take() {
        StatisticSet set = count == 0 ? null : new StatisticSet(count, sum, min, max);
        count = 0;
        sum = 0;
        min = Double.POSITIVE_INFINITY;
        max = Double.NEGATIVE_INFINITY;
        return set;
    }
}
