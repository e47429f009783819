package dev.wharf.cloudwatch.engine;

import dev.wharf.cloudwatch.api.CloudWatchError;
import dev.wharf.cloudwatch.api.MetricDataQuery;
import dev.wharf.cloudwatch.engine.math.Evaluation;
import dev.wharf.cloudwatch.engine.math.Expression;
import dev.wharf.cloudwatch.engine.math.MathContext;
import dev.wharf.cloudwatch.engine.math.MathException;
import dev.wharf.cloudwatch.engine.math.MathValue;
import dev.wharf.cloudwatch.engine.math.MetricMath;
import dev.wharf.cloudwatch.engine.math.TimeSeries;
import dev.wharf.common.AwsException;
import dev.wharf.common.LogText;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Evaluates GetMetricData's expression queries over its metric queries' results, each after the queries it names (a
 * name that no query has, or a cycle, is a {@code ValidationError}), and picks the results it returns: those whose
 * ReturnData is not false, in the order of the queries; an expression that gives an array returns one result per
 * series, all under its Id.
 */
final class Expressions {

    private Expressions() {}

    static List<MetricDataQueries.Series> evaluate(
            List<MetricDataQuery> queries,
            Map<String, MetricDataQueries.Series> metrics,
            Instant start,
            Instant end,
            DynamicLabels labels) {
        Map<String, Expression> expressions = parse(queries);
        Map<String, MetricDataQuery> byId = new HashMap<>();
        queries.forEach(query -> byId.put(String.valueOf(query.id()), query));
        Map<String, MathValue> values = new LinkedHashMap<>();
        List<MathContext.Named> named = new ArrayList<>();
        metrics.forEach((id, series) -> {
            TimeSeries timeSeries = new TimeSeries(series.label(), series.timestampsSeconds(), series.values());
            values.put(id, new MathValue.Series(timeSeries));
            named.add(new MathContext.Named(id, timeSeries));
        });
        Map<String, Boolean> dropped = new HashMap<>();
        Map<String, Integer> periods = new HashMap<>();
        int defaultPeriod = defaultPeriod(queries);
        for (String id : order(expressions)) {
            MetricDataQuery query = byId.get(id);
            int period = query != null && query.period() != null ? query.period() : defaultPeriod;
            Evaluation evaluation = evaluateOne(id, expressions.get(id), values, named, period, start, end);
            values.put(id, evaluation.value());
            dropped.put(id, evaluation.datapointsDropped());
            periods.put(id, period);
        }
        List<MetricDataQueries.Series> out = new ArrayList<>();
        for (MetricDataQuery query : queries) {
            String id = String.valueOf(query.id());
            if (Boolean.FALSE.equals(query.returnData())) {
                continue;
            }
            MetricDataQueries.Series metric = metrics.get(id);
            if (metric != null) {
                out.add(metric);
            } else {
                Result result = new Result(
                        query, Boolean.TRUE.equals(dropped.get(id)), periods.getOrDefault(id, defaultPeriod), labels);
                results(result, values.get(id), out);
            }
        }
        return out;
    }

    private static Map<String, Expression> parse(List<MetricDataQuery> queries) {
        Map<String, Expression> expressions = new LinkedHashMap<>();
        Set<String> ids = new HashSet<>();
        queries.forEach(query -> ids.add(String.valueOf(query.id())));
        for (MetricDataQuery query : queries) {
            if (query.expression() == null) {
                continue;
            }
            String id = String.valueOf(query.id());
            Expression expression;
            try {
                expression = MetricMath.parse(query.expression());
            } catch (MathException e) {
                throw invalid(id, String.valueOf(e.getMessage()));
            }
            for (String reference : expression.references()) {
                if (!ids.contains(reference)) {
                    throw invalid(id, "Unrecognized metric " + LogText.of(reference) + ".");
                }
            }
            expressions.put(id, expression);
        }
        return expressions;
    }

    /** The expressions' Ids so that each comes after those it names. */
    private static List<String> order(Map<String, Expression> expressions) {
        List<String> order = new ArrayList<>();
        Set<String> done = new HashSet<>();
        Set<String> visiting = new HashSet<>();
        for (String id : expressions.keySet()) {
            visit(id, expressions, done, visiting, order);
        }
        return order;
    }

    private static void visit(
            String id,
            Map<String, Expression> expressions,
            Set<String> done,
            Set<String> visiting,
            List<String> order) {
        Expression expression = expressions.get(id);
        if (expression == null || done.contains(id)) {
            return;
        }
        if (!visiting.add(id)) {
            throw invalid(id, "The expression refers to itself through " + LogText.of(id) + ".");
        }
        for (String reference : expression.references()) {
            visit(reference, expressions, done, visiting, order);
        }
        visiting.remove(id);
        done.add(id);
        order.add(id);
    }

    private static Evaluation evaluateOne(
            String id,
            @Nullable Expression expression,
            Map<String, MathValue> values,
            List<MathContext.Named> named,
            int period,
            Instant start,
            Instant end) {
        if (expression == null) {
            throw new IllegalStateException("no expression for " + id);
        }
        long startSeconds = Math.floorDiv(start.getEpochSecond(), period) * (long) period;
        MathContext context = new MathContext() {
            @Override
            public @Nullable MathValue value(String reference) {
                return values.get(reference);
            }

            @Override
            public List<Named> metrics() {
                return named;
            }

            @Override
            public int periodSeconds() {
                return period;
            }

            @Override
            public long startSeconds() {
                return startSeconds;
            }

            @Override
            public long endSeconds() {
                return end.getEpochSecond();
            }
        };
        try {
            return expression.evaluate(context);
        } catch (MathException e) {
            throw invalid(id, String.valueOf(e.getMessage()));
        }
    }

    /** An expression query whose value is to become results, and what their labels need. */
    private record Result(MetricDataQuery query, boolean dropped, int periodSeconds, DynamicLabels labels) {}

    /**
     * The results of an expression: one for a series, one per series for an array, each labelled by the query's Label
     * as {@link DynamicLabels} renders it over that series, or by default with its own label (the Id if it has none).
     */
    private static void results(Result result, @Nullable MathValue value, List<MetricDataQueries.Series> out) {
        String id = String.valueOf(result.query().id());
        switch (value) {
            case MathValue.Series series -> out.add(series(id, result, series.series()));
            case MathValue.SeriesArray array -> {
                for (TimeSeries series : array.series()) {
                    out.add(series(id, result, series));
                }
            }
            case MathValue.Scalar scalar ->
                throw invalid(
                        id,
                        "The expression gives the single value " + scalar.value()
                                + "; a query's result must be a time series or an array of time series.");
            case null -> throw new IllegalStateException("no value for " + id);
        }
    }

    private static MetricDataQueries.Series series(String id, Result result, TimeSeries series) {
        String defaultLabel = series.label().isEmpty() ? id : series.label();
        DynamicLabels.Source source = new DynamicLabels.Source(defaultLabel, result.periodSeconds(), null, null);
        String label =
                result.labels().render(result.query().label(), source, series.timestampsSeconds(), series.values());
        return new MetricDataQueries.Series(id, label, series.timestampsSeconds(), series.values(), result.dropped());
    }

    private static int defaultPeriod(List<MetricDataQuery> queries) {
        int period = 0;
        for (MetricDataQuery query : queries) {
            if (query.metricStat() != null && query.metricStat().period() != null) {
                period = Math.max(period, query.metricStat().period());
            }
        }
        return period == 0 ? 60 : period;
    }

    private static AwsException invalid(String id, String why) {
        return CloudWatchError.ValidationError.with("Error in expression " + LogText.of(id) + ": " + why);
    }
}
