package dev.wharf.cloudwatch.engine.math;

import org.jspecify.annotations.Nullable;

/**
 * IF(condition, trueValue[, falseValue]), by the rules of AWS's guide, "Using IF expressions".
 *
 * <p>With a series as the condition, the result has a datapoint only where the condition has one. Where the condition
 * is true (not 0) it takes the true value: a scalar, or the true series' value there, or 0 if the true series has none.
 * Where it is false it takes the false value: a scalar, or the false series' value there; without one, or without a
 * false value at all, the datapoint is dropped.
 *
 * <p>With a scalar as the condition, the result is the true or the false value as a whole; an empty series if the
 * false value is called for and absent. Arrays are refused, as the guide lists no syntax for them.
 */
final class Conditional {

    private Conditional() {}

    static MathValue of(MathValue condition, MathValue whenTrue, @Nullable MathValue whenFalse, EvaluationScope scope) {
        requireNoArray(whenTrue, 2);
        if (whenFalse != null) {
            requireNoArray(whenFalse, 3);
        }
        return switch (condition) {
            case MathValue.Scalar scalar -> {
                if (scalar.value() != 0) {
                    yield whenTrue;
                }
                yield whenFalse != null ? whenFalse : new MathValue.Series(TimeSeries.empty(""));
            }
            case MathValue.Series series -> new MathValue.Series(of(series.series(), whenTrue, whenFalse, scope));
            case MathValue.SeriesArray array ->
                throw Values.wrongType(Function.IF, 1, "a scalar or a time series", array);
        };
    }

    private static TimeSeries of(
            TimeSeries condition, MathValue whenTrue, @Nullable MathValue whenFalse, EvaluationScope scope) {
        long[] timestamps = condition.timestampsSeconds();
        double[] values = condition.values();
        SeriesBuilder out = new SeriesBuilder(scope, timestamps.length);
        for (int i = 0; i < values.length; i++) {
            long timestamp = timestamps[i];
            if (values[i] != 0) {
                out.add(timestamp, valueAt(whenTrue, timestamp, 0));
            } else if (whenFalse instanceof MathValue.Scalar scalar) {
                out.add(timestamp, scalar.value());
            } else if (whenFalse instanceof MathValue.Series series) {
                int at = Values.indexOf(series.series(), timestamp);
                if (at >= 0) {
                    out.add(timestamp, series.series().values()[at]);
                }
            }
        }
        return out.build("");
    }

    /** The value at the timestamp: the scalar, or the series' datapoint there, or {@code missing} if it has none. */
    private static double valueAt(MathValue value, long timestamp, double missing) {
        if (value instanceof MathValue.Scalar scalar) {
            return scalar.value();
        }
        TimeSeries series = ((MathValue.Series) value).series();
        int at = Values.indexOf(series, timestamp);
        return at >= 0 ? series.values()[at] : missing;
    }

    private static void requireNoArray(MathValue value, int position) {
        if (value instanceof MathValue.SeriesArray array) {
            throw Values.wrongType(Function.IF, position, "a scalar or a time series", array);
        }
    }
}
