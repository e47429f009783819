package dev.wharf.cloudwatch.engine.math;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;

/**
 * Operators and per-datapoint functions over scalars, series and arrays, as AWS's guide states them.
 *
 * <ul>
 *   <li>Between two series, datapoints are matched by timestamp, and a value missing from one of them is 0 ("Missing
 *       values in a time series are treated as 0"; for comparisons, "treats the missing value in the other time series
 *       as 0"). A timestamp that neither series has stays missing.
 *   <li>Between a series and a scalar, the operator applies to each datapoint of the series.
 *   <li>An array applies the operation to each of its series, which keep their labels; two arrays cannot be combined.
 *   <li>A result that is not finite, a division by zero above all, is dropped ("the data point is dropped").
 * </ul>
 */
final class Arithmetic {

    private Arithmetic() {}

    static MathValue binary(Operator operator, MathValue left, MathValue right, EvaluationScope scope) {
        return switch (left) {
            case MathValue.Scalar a ->
                switch (right) {
                    case MathValue.Scalar b -> new MathValue.Scalar(operator.apply(a.value(), b.value()));
                    case MathValue.Series b ->
                        new MathValue.Series(map(b.series(), v -> operator.apply(a.value(), v), scope));
                    case MathValue.SeriesArray b -> each(b, s -> map(s, v -> operator.apply(a.value(), v), scope));
                };
            case MathValue.Series a ->
                switch (right) {
                    case MathValue.Scalar b ->
                        new MathValue.Series(map(a.series(), v -> operator.apply(v, b.value()), scope));
                    case MathValue.Series b ->
                        new MathValue.Series(aligned(operator, a.series(), b.series(), "", scope));
                    case MathValue.SeriesArray b -> each(b, s -> aligned(operator, a.series(), s, s.label(), scope));
                };
            case MathValue.SeriesArray a ->
                switch (right) {
                    case MathValue.Scalar b -> each(a, s -> map(s, v -> operator.apply(v, b.value()), scope));
                    case MathValue.Series b -> each(a, s -> aligned(operator, s, b.series(), s.label(), scope));
                    case MathValue.SeriesArray b ->
                        throw new MathException(
                                "The operator " + operator.symbol() + " cannot combine two arrays of time series");
                };
        };
    }

    /** A function of each datapoint; scalars are mapped too, and arrays series by series. */
    static MathValue map(MathValue value, DoubleUnaryOperator function, EvaluationScope scope) {
        return switch (value) {
            case MathValue.Scalar scalar -> new MathValue.Scalar(function.applyAsDouble(scalar.value()));
            case MathValue.Series series -> new MathValue.Series(map(series.series(), function, scope));
            case MathValue.SeriesArray array -> each(array, s -> map(s, function, scope));
        };
    }

    /** The same function of every series in the array. */
    static MathValue.SeriesArray each(MathValue.SeriesArray array, UnaryOperator<TimeSeries> f) {
        List<TimeSeries> mapped = new ArrayList<>(array.series().size());
        for (TimeSeries series : array.series()) {
            mapped.add(f.apply(series));
        }
        return new MathValue.SeriesArray(mapped);
    }

    static TimeSeries map(TimeSeries series, DoubleUnaryOperator function, EvaluationScope scope) {
        long[] timestamps = series.timestampsSeconds();
        double[] values = series.values();
        SeriesBuilder out = new SeriesBuilder(scope, values.length);
        for (int i = 0; i < values.length; i++) {
            out.add(timestamps[i], function.applyAsDouble(values[i]));
        }
        return out.build(series.label());
    }

    private static TimeSeries aligned(
            Operator operator, TimeSeries left, TimeSeries right, String label, EvaluationScope scope) {
        long[] lt = left.timestampsSeconds();
        long[] rt = right.timestampsSeconds();
        double[] lv = left.values();
        double[] rv = right.values();
        SeriesBuilder out = new SeriesBuilder(scope, Math.max(lt.length, rt.length));
        int i = 0;
        int j = 0;
        while (i < lt.length || j < rt.length) {
            if (j >= rt.length || (i < lt.length && lt[i] < rt[j])) {
                out.add(lt[i], operator.apply(lv[i], 0));
                i++;
            } else if (i >= lt.length || rt[j] < lt[i]) {
                out.add(rt[j], operator.apply(0, rv[j]));
                j++;
            } else {
                out.add(lt[i], operator.apply(lv[i], rv[j]));
                i++;
                j++;
            }
        }
        return out.build(label);
    }
}
