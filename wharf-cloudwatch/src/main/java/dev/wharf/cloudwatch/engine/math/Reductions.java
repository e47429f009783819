package dev.wharf.cloudwatch.engine.math;

import java.util.List;

/**
 * AVG, MAX, MIN, SUM, STDDEV, DATAPOINT_COUNT and METRIC_COUNT: of one series a scalar, of an array one series with
 * the statistic at each timestamp that any of the array's series has.
 */
final class Reductions {

    private Reductions() {}

    static Statistic statistic(Function function) {
        return switch (function) {
            case SUM -> Statistic.SUM;
            case AVG -> Statistic.AVG;
            case MIN -> Statistic.MIN;
            case MAX -> Statistic.MAX;
            case STDDEV -> Statistic.STDDEV;
            case DATAPOINT_COUNT -> Statistic.DATAPOINT_COUNT;
            default -> throw new IllegalArgumentException(function + " is no statistic");
        };
    }

    static MathValue reduce(Function function, MathValue argument, EvaluationScope scope) {
        Statistic statistic = statistic(function);
        return switch (argument) {
            case MathValue.Series series -> new MathValue.Scalar(of(statistic, series.series()));
            case MathValue.SeriesArray array -> new MathValue.Series(across(statistic, array.series(), scope));
            case MathValue.Scalar scalar ->
                throw Values.wrongType(function, 1, "a time series or an array of time series", scalar);
        };
    }

    /** The statistic of one series' datapoints. */
    static double of(Statistic statistic, TimeSeries series) {
        return statistic.of(series.values(), series.size(), series.size());
    }

    private static TimeSeries across(Statistic statistic, List<TimeSeries> array, EvaluationScope scope) {
        long[] timestamps = new long[0];
        for (TimeSeries series : array) {
            timestamps = Values.union(timestamps, series.timestampsSeconds());
        }
        int[] cursors = new int[array.size()];
        double[] present = new double[array.size()];
        SeriesBuilder out = new SeriesBuilder(scope, timestamps.length);
        for (long timestamp : timestamps) {
            int count = 0;
            for (int s = 0; s < array.size(); s++) {
                TimeSeries series = array.get(s);
                int cursor = cursors[s];
                if (cursor < series.size() && series.timestampsSeconds()[cursor] == timestamp) {
                    present[count++] = series.values()[cursor];
                    cursors[s] = cursor + 1;
                }
            }
            out.add(timestamp, statistic.of(present, count, array.size()));
        }
        return out.build("");
    }
}
