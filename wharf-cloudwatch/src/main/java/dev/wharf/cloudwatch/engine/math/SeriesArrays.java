package dev.wharf.cloudwatch.engine.math;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The functions that make or take arrays of time series: METRICS, array literals, SORT, SLICE, FIRST, LAST and the like. */
final class SeriesArrays {

    private SeriesArrays() {}

    /**
     * METRICS(): every MetricStat query's series in the request's order; with a filter, those whose Id contains it, as
     * a case-sensitive substring.
     */
    static MathValue.SeriesArray metrics(@Nullable String filter, MathContext context) {
        List<TimeSeries> series = new ArrayList<>();
        for (MathContext.Named named : context.metrics()) {
            if (filter == null || named.id().contains(filter)) {
                series.add(named.series());
            }
        }
        return Values.bounded(series);
    }

    /** {@code [a, b, ...]}: series and the series of arrays, flattened in order. */
    static MathValue.SeriesArray literal(List<MathValue> elements) {
        List<TimeSeries> series = new ArrayList<>();
        for (MathValue element : elements) {
            switch (element) {
                case MathValue.Series one -> series.add(one.series());
                case MathValue.SeriesArray many -> series.addAll(many.series());
                case MathValue.Scalar scalar ->
                    throw new MathException(
                            "An array may hold only time series and arrays of time series, not a scalar");
            }
            if (series.size() > MathLimits.SERIES_ARRAY_MAX) {
                break; // bounded() refuses it; stop copying first.
            }
        }
        return Values.bounded(series);
    }

    /**
     * SORT: the array ordered by a statistic of each series, ascending or descending, and cut to the limit. Ties keep
     * the array's order; a series without datapoints, whose AVG, MIN and MAX are undefined, sorts last either way.
     */
    static MathValue.SeriesArray sort(List<TimeSeries> array, Statistic statistic, boolean descending, int limit) {
        record Keyed(TimeSeries series, double key) {}
        List<Keyed> keyed = new ArrayList<>(array.size());
        for (TimeSeries series : array) {
            keyed.add(new Keyed(series, Reductions.of(statistic, series)));
        }
        Comparator<Keyed> byKey = Comparator.comparingDouble(Keyed::key);
        Comparator<Keyed> order = descending ? byKey.reversed() : byKey;
        keyed.sort(Comparator.comparing((Keyed k) -> Double.isNaN(k.key())).thenComparing(order));
        List<TimeSeries> sorted = new ArrayList<>(Math.min(limit, keyed.size()));
        for (int i = 0; i < keyed.size() && i < limit; i++) {
            sorted.add(keyed.get(i).series());
        }
        return new MathValue.SeriesArray(sorted);
    }

    /** SLICE: the series from {@code start}, inclusive, to {@code end}, exclusive, both cut to the array's size. */
    static MathValue.SeriesArray slice(List<TimeSeries> array, int start, int end) {
        int from = Math.min(start, array.size());
        int to = Math.max(from, Math.min(end, array.size()));
        return new MathValue.SeriesArray(array.subList(from, to));
    }

    /** FIRST and LAST: one series of the array; of an empty array, an empty series. */
    static MathValue.Series firstOrLast(List<TimeSeries> array, boolean first) {
        if (array.isEmpty()) {
            return new MathValue.Series(TimeSeries.empty(""));
        }
        return new MathValue.Series(array.get(first ? 0 : array.size() - 1));
    }

    /** REMOVE_EMPTY: the array without its series that have no datapoints. */
    static MathValue.SeriesArray removeEmpty(List<TimeSeries> array) {
        return new MathValue.SeriesArray(
                array.stream().filter(series -> series.size() > 0).toList());
    }
}
