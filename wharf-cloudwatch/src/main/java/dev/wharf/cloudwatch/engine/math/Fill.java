package dev.wharf.cloudwatch.engine.math;

/**
 * FILL: gives a series a value at every period of the request's range that it lacks, from a scalar, from another
 * series at the same timestamp, from the most recent datapoint before the gap (REPEAT), or by a straight line between
 * the datapoints on either side of it (LINEAR).
 *
 * <p>Datapoints that the series has are kept as they are, on the request's periods or not. A gap that REPEAT or LINEAR
 * cannot span (before the first datapoint; for LINEAR also after the last) stays missing, as does a timestamp that the
 * filler series lacks too. An array is filled series by series, each keeping its label.
 */
final class Fill {

    /** How the missing values are found. */
    sealed interface Filler {
        /** A constant, which may be a statistic such as {@code MIN(m1)}. */
        record Constant(double value) implements Filler {}

        /** The values of another series at the same timestamps. */
        record FromSeries(TimeSeries series) implements Filler {}

        /** The most recent value before the gap. */
        record Repeat() implements Filler {}

        /** A linear interpolation between the values around the gap. */
        record Linear() implements Filler {}
    }

    private Fill() {}

    static MathValue fill(MathValue target, Filler filler, EvaluationScope scope) {
        return switch (target) {
            case MathValue.Series series -> new MathValue.Series(fill(series.series(), filler, scope));
            case MathValue.SeriesArray array -> Arithmetic.each(array, s -> fill(s, filler, scope));
            case MathValue.Scalar scalar ->
                throw Values.wrongType(Function.FILL, 1, "a time series or an array of time series", scalar);
        };
    }

    private static TimeSeries fill(TimeSeries series, Filler filler, EvaluationScope scope) {
        long[] own = series.timestampsSeconds();
        double[] values = series.values();
        long[] timestamps = Values.union(scope.grid(), own);
        SeriesBuilder out = new SeriesBuilder(scope, timestamps.length);
        int next = 0; // The index of the series' first datapoint at or after the timestamp.
        for (long timestamp : timestamps) {
            if (next < own.length && own[next] == timestamp) {
                out.add(timestamp, values[next]);
                next++;
                continue;
            }
            switch (filler) {
                case Filler.Constant constant -> out.add(timestamp, constant.value());
                case Filler.FromSeries other -> {
                    int at = Values.indexOf(other.series(), timestamp);
                    if (at >= 0) {
                        out.add(timestamp, other.series().values()[at]);
                    }
                }
                case Filler.Repeat repeat -> {
                    if (next > 0) {
                        out.add(timestamp, values[next - 1]);
                    }
                }
                case Filler.Linear linear -> {
                    if (next > 0 && next < own.length) {
                        double slope = (values[next] - values[next - 1]) / (own[next] - own[next - 1]);
                        out.add(timestamp, values[next - 1] + slope * (timestamp - own[next - 1]));
                    }
                }
            }
        }
        return out.build(series.label());
    }
}
