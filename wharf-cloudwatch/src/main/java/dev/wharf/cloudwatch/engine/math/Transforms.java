package dev.wharf.cloudwatch.engine.math;

/**
 * DIFF, DIFF_TIME, RATE and RUNNING_SUM, of a series or of each series of an array, which keep their labels.
 *
 * <p>A series holds only the datapoints it has, so "the preceding value" is that of the preceding datapoint, however
 * far back: DIFF and RATE span a gap, and DIFF_TIME measures it. The first datapoint has no preceding one, so DIFF,
 * DIFF_TIME and RATE have no value there.
 */
final class Transforms {

    private Transforms() {}

    static MathValue apply(Function function, MathValue argument, EvaluationScope scope) {
        return switch (argument) {
            case MathValue.Series series -> new MathValue.Series(apply(function, series.series(), scope));
            case MathValue.SeriesArray array -> Arithmetic.each(array, s -> apply(function, s, scope));
            case MathValue.Scalar scalar ->
                throw Values.wrongType(function, 1, "a time series or an array of time series", scalar);
        };
    }

    private static TimeSeries apply(Function function, TimeSeries series, EvaluationScope scope) {
        long[] t = series.timestampsSeconds();
        double[] v = series.values();
        SeriesBuilder out = new SeriesBuilder(scope, v.length);
        double sum = 0;
        for (int i = 0; i < v.length; i++) {
            if (function == Function.RUNNING_SUM) {
                sum += v[i];
                out.add(t[i], sum);
                continue;
            }
            if (i == 0) {
                continue;
            }
            double value =
                    switch (function) {
                        case DIFF -> v[i] - v[i - 1];
                        case DIFF_TIME -> (double) (t[i] - t[i - 1]);
                        case RATE -> (v[i] - v[i - 1]) / (double) (t[i] - t[i - 1]);
                        default -> throw new IllegalArgumentException(function + " is no transform");
                    };
            out.add(t[i], value);
        }
        return out.build(series.label());
    }
}
