package dev.wharf.cloudwatch.engine.math;

import java.util.List;

/**
 * A value in a metric math expression: what AWS's guide abbreviates S (a scalar), TS (one time series) and TS[] (an
 * array of time series).
 */
public sealed interface MathValue {

    /** A single number, such as {@code 2}, {@code AVG(m1)} or {@code PERIOD(m1)}; it may be NaN or infinite. */
    record Scalar(double value) implements MathValue {}

    /** One time series. */
    record Series(TimeSeries series) implements MathValue {}

    /** An array of time series, in order; each keeps its own label. */
    record SeriesArray(List<TimeSeries> series) implements MathValue {

        /** Copies the list, which is then immutable. */
        public SeriesArray {
            series = List.copyOf(series);
        }
    }
}
