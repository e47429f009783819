package dev.wharf.cloudwatch.engine.math;

import java.util.Arrays;

/**
 * Collects the datapoints of a series being made, in ascending time, dropping each value that is not finite as AWS
 * does, and noting the drop in the scope.
 */
final class SeriesBuilder {

    private final EvaluationScope scope;
    private long[] timestamps;
    private double[] values;
    private int size;

    SeriesBuilder(EvaluationScope scope, int capacity) {
        this.scope = scope;
        this.timestamps = new long[Math.max(capacity, 4)];
        this.values = new double[timestamps.length];
    }

    /** Adds a datapoint after every earlier one, or drops it if its value is NaN or infinite. */
    void add(long timestampSeconds, double value) {
        if (!Double.isFinite(value)) {
            scope.onDropped();
            return;
        }
        if (size == values.length) {
            timestamps = Arrays.copyOf(timestamps, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        timestamps[size] = timestampSeconds;
        values[size] = value == 0 ? 0 : value; // -0.0 reads as 0 on the wire, as AWS writes it.
        size++;
    }

    TimeSeries build(String label) {
        scope.charge(size);
        return new TimeSeries(label, Arrays.copyOf(timestamps, size), Arrays.copyOf(values, size));
    }
}
