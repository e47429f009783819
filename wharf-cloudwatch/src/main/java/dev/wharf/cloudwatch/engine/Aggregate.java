package dev.wharf.cloudwatch.engine;

import java.util.Map;
import java.util.TreeMap;

/**
 * The statistics of the values of one unit in one bucket: sample count, sum, minimum, maximum and, while the values are
 * raw and non-negative, their distribution, from which percentiles and the trimmed statistics are computed.
 *
 * <p>The distribution is exact while it holds at most {@link #MAX_DISTINCT} distinct values; beyond that each value is
 * moved to the nearest point of a logarithmic grid whose neighbours are 1% apart, which bounds its size by the range of
 * the values (and keeps percentiles within 1%). As AWS does, a statistic set (which carries no values) or a negative
 * value makes the bucket's percentiles unavailable. Not thread-safe.
 */
final class Aggregate {

    /** Distinct values kept exactly in one bucket. */
    static final int MAX_DISTINCT = 1_000;

    /** The ratio between neighbouring points of the grid that values move to beyond {@link #MAX_DISTINCT}. */
    static final double GRID_RATIO = 1.01;

    private static final double LOG_GRID_RATIO = Math.log(GRID_RATIO);

    /** What the distribution holds. */
    enum Distribution {
        EXACT,
        /** Values moved onto the grid; percentiles within 1%. */
        APPROXIMATE,
        /** No percentiles: a statistic set or a negative value was added. */
        NONE
    }

    private double sampleCount;
    private double sum;
    private double minimum = Double.POSITIVE_INFINITY;
    private double maximum = Double.NEGATIVE_INFINITY;
    private Distribution distribution = Distribution.EXACT;
    private final TreeMap<Double, Double> values = new TreeMap<>();

    /** Adds {@code count} occurrences of one raw value. */
    void addValue(double value, double count) {
        if (count <= 0) {
            return;
        }
        sampleCount += count;
        sum += value * count;
        minimum = Math.min(minimum, value);
        maximum = Math.max(maximum, value);
        if (value < 0) {
            dropDistribution();
        }
        addToDistribution(value, count);
    }

    /** Adds a statistic set, whose values are unknown. */
    void addStatisticSet(double count, double total, double min, double max) {
        sampleCount += count;
        sum += total;
        minimum = Math.min(minimum, min);
        maximum = Math.max(maximum, max);
        dropDistribution();
    }

    /** Adds everything another aggregate holds. */
    void add(Aggregate other) {
        if (other.sampleCount == 0 && other.values.isEmpty()) {
            return;
        }
        sampleCount += other.sampleCount;
        sum += other.sum;
        minimum = Math.min(minimum, other.minimum);
        maximum = Math.max(maximum, other.maximum);
        if (other.distribution == Distribution.NONE) {
            dropDistribution();
        } else if (other.distribution == Distribution.APPROXIMATE && distribution == Distribution.EXACT) {
            toGrid();
        }
        for (Map.Entry<Double, Double> entry : other.values.entrySet()) {
            addToDistribution(entry.getKey(), entry.getValue());
        }
    }

    private void addToDistribution(double value, double count) {
        if (distribution == Distribution.NONE) {
            return;
        }
        values.merge(distribution == Distribution.APPROXIMATE ? onGrid(value) : value, count, Double::sum);
        if (distribution == Distribution.EXACT && values.size() > MAX_DISTINCT) {
            toGrid();
        }
    }

    private void toGrid() {
        TreeMap<Double, Double> exact = new TreeMap<>(values);
        values.clear();
        distribution = Distribution.APPROXIMATE;
        for (Map.Entry<Double, Double> entry : exact.entrySet()) {
            values.merge(onGrid(entry.getKey()), entry.getValue(), Double::sum);
        }
    }

    private void dropDistribution() {
        distribution = Distribution.NONE;
        values.clear();
    }

    /** The grid point nearest a non-negative value; zero stays zero. */
    static double onGrid(double value) {
        if (value <= 0) {
            return 0;
        }
        return Math.pow(GRID_RATIO, Math.rint(Math.log(value) / LOG_GRID_RATIO));
    }

    double sampleCount() {
        return sampleCount;
    }

    double sum() {
        return sum;
    }

    double minimum() {
        return minimum;
    }

    double maximum() {
        return maximum;
    }

    double average() {
        return sampleCount == 0 ? Double.NaN : sum / sampleCount;
    }

    Distribution distribution() {
        return distribution;
    }

    /** The distinct values and their counts, ascending; empty when {@link #distribution()} is NONE. */
    Map<Double, Double> values() {
        return java.util.Collections.unmodifiableMap(values);
    }

    boolean isEmpty() {
        return sampleCount == 0;
    }

    /** Restores an aggregate that {@link Points} decoded. */
    static Aggregate of(double count, double total, double min, double max, Distribution distribution) {
        Aggregate aggregate = new Aggregate();
        aggregate.sampleCount = count;
        aggregate.sum = total;
        aggregate.minimum = min;
        aggregate.maximum = max;
        aggregate.distribution = distribution;
        return aggregate;
    }

    /** Puts one entry of a decoded distribution back. */
    void restoreValue(double value, double count) {
        values.put(value, count);
    }
}
