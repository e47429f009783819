package dev.wharf.cloudwatch.engine.math;

/**
 * The statistics that AVG, MAX, MIN, SUM, STDDEV and DATAPOINT_COUNT compute, over one series' datapoints or over the
 * values that an array's series have at one timestamp; SORT orders an array by four of them.
 */
enum Statistic {
    SUM,
    AVG,
    MIN,
    MAX,
    STDDEV,
    DATAPOINT_COUNT;

    /**
     * The statistic of the first {@code count} values. AVG divides by {@code denominator}: the count for one series,
     * and the array's size across an array, for AWS treats a series' missing value as 0 there. Of no values, SUM and
     * DATAPOINT_COUNT are 0 and the others NaN, which drops every datapoint computed from them.
     */
    double of(double[] values, int count, int denominator) {
        if (count == 0) {
            return this == SUM || this == DATAPOINT_COUNT ? 0 : Double.NaN;
        }
        return switch (this) {
            case SUM -> sum(values, count);
            case AVG -> sum(values, count) / denominator;
            case MIN -> extreme(values, count, false);
            case MAX -> extreme(values, count, true);
            case STDDEV -> deviation(values, count);
            case DATAPOINT_COUNT -> count;
        };
    }

    private static double sum(double[] values, int count) {
        double sum = 0;
        for (int i = 0; i < count; i++) {
            sum += values[i];
        }
        return sum;
    }

    private static double extreme(double[] values, int count, boolean max) {
        double extreme = values[0];
        for (int i = 1; i < count; i++) {
            extreme = max ? Math.max(extreme, values[i]) : Math.min(extreme, values[i]);
        }
        return extreme;
    }

    /** The population standard deviation, by Welford's method, which stays accurate for values far from zero. */
    private static double deviation(double[] values, int count) {
        double mean = 0;
        double squares = 0;
        for (int i = 0; i < count; i++) {
            double delta = values[i] - mean;
            mean += delta / (i + 1);
            squares += delta * (values[i] - mean);
        }
        return Math.sqrt(squares / count);
    }
}
