package dev.wharf.cloudwatch.engine.math;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A request for tests: MetricStat series and earlier expressions' results by Id, a period of 60 seconds, and a range
 * of ten periods from epoch second 0 unless a test says otherwise.
 */
final class TestContext implements MathContext {

    private final Map<String, MathValue> values = new LinkedHashMap<>();
    private final List<Named> metrics = new ArrayList<>();
    private int periodSeconds = 60;
    private long startSeconds = 0;
    private long endSeconds = 600;

    /** A metric whose datapoints are given as timestamp, value, timestamp, value, ...; labelled with its Id. */
    TestContext metric(String id, double... pairs) {
        TimeSeries series = series(id, pairs);
        values.put(id, new MathValue.Series(series));
        metrics.add(new Named(id, series));
        return this;
    }

    /** The result of an earlier expression. */
    TestContext expression(String id, MathValue value) {
        values.put(id, value);
        return this;
    }

    TestContext range(long start, long end, int period) {
        this.startSeconds = start;
        this.endSeconds = end;
        this.periodSeconds = period;
        return this;
    }

    static TimeSeries series(String label, double... pairs) {
        if (pairs.length % 2 != 0) {
            throw new IllegalArgumentException("pairs of timestamp and value");
        }
        long[] timestamps = new long[pairs.length / 2];
        double[] vals = new double[pairs.length / 2];
        for (int i = 0; i < timestamps.length; i++) {
            timestamps[i] = (long) pairs[2 * i];
            vals[i] = pairs[2 * i + 1];
        }
        return new TimeSeries(label, timestamps, vals);
    }

    /** A series with a datapoint every 60 seconds from 0, where NaN marks a missing one, as AWS's tables write "-". */
    static TimeSeries minutes(String label, double... perMinute) {
        List<Double> pairs = new ArrayList<>();
        for (int i = 0; i < perMinute.length; i++) {
            if (!Double.isNaN(perMinute[i])) {
                pairs.add(i * 60.0);
                pairs.add(perMinute[i]);
            }
        }
        return series(label, pairs.stream().mapToDouble(Double::doubleValue).toArray());
    }

    TestContext minuteMetric(String id, double... perMinute) {
        TimeSeries series = minutes(id, perMinute);
        values.put(id, new MathValue.Series(series));
        metrics.add(new Named(id, series));
        return this;
    }

    /** Parses and evaluates the expression here. */
    Evaluation evaluate(String expression) {
        return MetricMath.parse(expression).evaluate(this);
    }

    /** The single series that the expression gives. */
    TimeSeries series(String expression) {
        MathValue value = evaluate(expression).value();
        if (value instanceof MathValue.Series series) {
            return series.series();
        }
        throw new AssertionError(expression + " gave " + value);
    }

    /** The array that the expression gives. */
    List<TimeSeries> array(String expression) {
        MathValue value = evaluate(expression).value();
        if (value instanceof MathValue.SeriesArray array) {
            return array.series();
        }
        throw new AssertionError(expression + " gave " + value);
    }

    /** The values per minute from 0 that the expression gives, NaN where it has none, up to {@code minutes}. */
    double[] perMinute(String expression, int count) {
        TimeSeries series = series(expression);
        double[] out = new double[count];
        Arrays.fill(out, Double.NaN);
        for (int i = 0; i < series.size(); i++) {
            long t = series.timestampsSeconds()[i];
            if (t % 60 != 0 || t / 60 >= count) {
                throw new AssertionError("off the minutes: " + series);
            }
            out[(int) (t / 60)] = series.values()[i];
        }
        return out;
    }

    /** The error that the expression's evaluation throws. */
    String error(String expression) {
        Expression parsed = MetricMath.parse(expression);
        try {
            parsed.evaluate(this);
        } catch (MathException e) {
            return String.valueOf(e.getMessage());
        }
        throw new AssertionError(expression + " evaluated");
    }

    @Override
    public @Nullable MathValue value(String id) {
        return values.get(id);
    }

    @Override
    public List<Named> metrics() {
        return metrics;
    }

    @Override
    public int periodSeconds() {
        return periodSeconds;
    }

    @Override
    public long startSeconds() {
        return startSeconds;
    }

    @Override
    public long endSeconds() {
        return endSeconds;
    }
}
