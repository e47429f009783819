package dev.wharf.cloudwatch.engine.math;

import java.util.Arrays;
import java.util.Objects;

/**
 * One series of datapoints: timestamps in epoch seconds, strictly ascending, one finite value per timestamp, and a
 * label.
 *
 * <p>A missing datapoint is a timestamp that is absent, never a NaN: metric math drops every non-finite result. The
 * arrays are not copied, for series can be long; whoever passes them in must not change them afterwards.
 */
@SuppressWarnings("ArrayRecordComponent") // Compared by content below; not copied, see the class comment.
public record TimeSeries(String label, long[] timestampsSeconds, double[] values) {

    /** Checks the invariants above. */
    public TimeSeries {
        Objects.requireNonNull(label, "label");
        if (timestampsSeconds.length != values.length) {
            throw new IllegalArgumentException(
                    timestampsSeconds.length + " timestamps but " + values.length + " values");
        }
        for (int i = 0; i < values.length; i++) {
            if (i > 0 && timestampsSeconds[i] <= timestampsSeconds[i - 1]) {
                throw new IllegalArgumentException("timestamps are not strictly ascending at index " + i);
            }
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("value " + values[i] + " at index " + i + " is not finite");
            }
        }
    }

    /** A series with no datapoints. */
    public static TimeSeries empty(String label) {
        return new TimeSeries(label, new long[0], new double[0]);
    }

    /** The number of datapoints. */
    public int size() {
        return values.length;
    }

    /** The same datapoints under another label. */
    public TimeSeries withLabel(String newLabel) {
        return new TimeSeries(newLabel, timestampsSeconds, values);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TimeSeries series
                && label.equals(series.label)
                && Arrays.equals(timestampsSeconds, series.timestampsSeconds)
                && Arrays.equals(values, series.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(label, Arrays.hashCode(timestampsSeconds), Arrays.hashCode(values));
    }

    @Override
    public String toString() {
        return "TimeSeries[" + label + ", " + Arrays.toString(timestampsSeconds) + ", " + Arrays.toString(values) + "]";
    }
}
