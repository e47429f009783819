package dev.wharf.firehose.api;

/**
 * The samples of one metric over a period, as CloudWatch's {@code StatisticSet} carries them: how many, their sum, the
 * least and the greatest, in the metric's unit. Never empty: a metric without samples has no statistic set at all.
 */
public record StatisticSet(long sampleCount, double sum, double minimum, double maximum) {

    public StatisticSet {
        if (sampleCount < 1 || minimum > maximum) {
            throw new IllegalArgumentException("a statistic set has samples, and its minimum is at most its maximum: "
                    + sampleCount + ", " + minimum + ", " + maximum);
        }
    }
}
