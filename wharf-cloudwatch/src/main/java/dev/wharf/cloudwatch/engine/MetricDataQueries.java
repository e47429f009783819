package dev.wharf.cloudwatch.engine;

import dev.wharf.cloudwatch.api.CloudWatchContext;
import dev.wharf.cloudwatch.api.CloudWatchError;
import dev.wharf.cloudwatch.api.CloudWatchLimits;
import dev.wharf.cloudwatch.api.GetMetricDataRequest;
import dev.wharf.cloudwatch.api.GetMetricDataResponse;
import dev.wharf.cloudwatch.api.MessageData;
import dev.wharf.cloudwatch.api.Metric;
import dev.wharf.cloudwatch.api.MetricDataQuery;
import dev.wharf.cloudwatch.api.MetricDataResult;
import dev.wharf.cloudwatch.api.MetricStat;
import dev.wharf.cloudwatch.engine.math.Evaluation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * GetMetricData: each metric query's statistic by period, each expression over them ({@link Expressions}), each result
 * labelled over all its datapoints ({@link DynamicLabels}), the results in {@code ScanBy} order, and pages of at most
 * {@code MaxDatapoints} datapoints across the results; every page carries the same labels.
 */
final class MetricDataQueries {

    private static final Pattern ID = Pattern.compile("[a-z][a-zA-Z0-9_]*");
    private static final String TOKEN_PREFIX = "d1.";

    /** One query's result before paging: its id, label and datapoints in time order. */
    record Series(String id, String label, long[] timestampsSeconds, double[] values, boolean datapointsDropped) {}

    private final SeriesIndex index;
    private final MetricReads reads;

    MetricDataQueries(SeriesIndex index, MetricReads reads) {
        this.index = index;
        this.reads = reads;
    }

    GetMetricDataResponse getMetricData(CloudWatchContext context, GetMetricDataRequest request, Instant now) {
        List<MetricDataQuery> queries = request.metricDataQueries();
        if (queries == null || queries.isEmpty()) {
            throw MetricRules.missing("MetricDataQueries");
        }
        if (queries.size() > CloudWatchLimits.MAX_METRIC_DATA_QUERIES) {
            throw MetricRules.constraint(
                    "metricDataQueries",
                    queries.size() + " queries",
                    "Member must have length less than or equal to 500");
        }
        Instant start = MetricReads.require(request.startTime(), "StartTime");
        Instant end = MetricReads.require(request.endTime(), "EndTime");
        if (!start.isBefore(end)) {
            throw CloudWatchError.ValidationError.with("The parameter EndTime must be greater than StartTime.");
        }
        boolean descending = scanDescending(request.scanBy());
        int maxDatapoints =
                request.maxDatapoints() == null ? CloudWatchLimits.MAX_METRIC_DATA_DATAPOINTS : request.maxDatapoints();
        if (maxDatapoints < 1) {
            throw MetricRules.invalid("MaxDatapoints", maxDatapoints);
        }
        checkIds(queries);
        DynamicLabels labels = DynamicLabels.of(context, request.labelOptions(), queries, now);
        Map<String, Series> metrics = new LinkedHashMap<>();
        for (int i = 0; i < queries.size(); i++) {
            MetricDataQuery query = queries.get(i);
            String member = "MetricDataQueries.member." + (i + 1);
            if (query.metricStat() != null && query.expression() != null) {
                throw MetricRules.exclusive(member + ".MetricStat", member + ".Expression");
            }
            if (query.metricStat() == null && query.expression() == null) {
                // AWS's message ends with a line break.
                throw CloudWatchError.ValidationError.with("The parameter " + member + ".MetricStat is required.\n");
            }
            if (query.metricStat() != null) {
                metrics.put(String.valueOf(query.id()), metricStat(context, query, member, start, end, now, labels));
            }
        }
        List<Series> results = Expressions.evaluate(queries, metrics, start, end, labels);
        return page(queries, results, descending, maxDatapoints, request.nextToken());
    }

    private static boolean scanDescending(@Nullable String scanBy) {
        if (scanBy == null || scanBy.equals("TimestampDescending")) {
            return true;
        }
        if (scanBy.equals("TimestampAscending")) {
            return false;
        }
        throw MetricRules.constraint(
                "scanBy", scanBy, "Member must satisfy enum value set: [TimestampDescending, TimestampAscending]");
    }

    private static void checkIds(List<MetricDataQuery> queries) {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < queries.size(); i++) {
            String member = "MetricDataQueries.member." + (i + 1) + ".Id";
            String id = MetricRules.name(queries.get(i).id(), member);
            if (!ID.matcher(id).matches()) {
                throw CloudWatchError.ValidationError.with("The value " + dev.wharf.common.LogText.of(id)
                        + " for parameter " + member + " is invalid: it must start with a lower-case letter and hold"
                        + " only letters, digits and underscores.");
            }
            if (!ids.add(id)) {
                throw CloudWatchError.ValidationError.with(
                        "The values for parameter id in MetricDataQueries are not unique.");
            }
        }
    }

    private Series metricStat(
            CloudWatchContext context,
            MetricDataQuery query,
            String member,
            Instant start,
            Instant end,
            Instant now,
            DynamicLabels labels) {
        MetricStat stat = MetricReads.require(query.metricStat(), member + ".MetricStat");
        Metric metric = MetricReads.require(stat.metric(), member + ".MetricStat.Metric");
        String namespace = MetricRules.name(metric.namespace(), member + ".MetricStat.Metric.Namespace");
        String metricName = MetricRules.name(metric.metricName(), member + ".MetricStat.Metric.MetricName");
        MetricKey key = new MetricKey(
                context.accountId(),
                namespace,
                metricName,
                MetricRules.dimensions(metric.dimensions(), member + ".MetricStat.Metric.Dimensions"));
        int period = MetricReads.require(stat.period(), member + ".MetricStat.Period");
        if (!MetricReads.validPeriod(period)) {
            throw MetricRules.invalid(member + ".MetricStat.Period", period);
        }
        String statName = MetricReads.require(stat.stat(), member + ".MetricStat.Stat");
        Statistic statistic = Statistic.basic(statName);
        if (statistic == null) {
            statistic = Statistic.extended(statName);
        }
        if (statistic == null) {
            throw CloudWatchError.InvalidParameterValue.with("The value " + dev.wharf.common.LogText.of(statName)
                    + " for parameter " + member + ".MetricStat.Stat is not supported.");
        }
        String unit = stat.unit() == null ? null : MetricRules.unit(stat.unit(), member + ".MetricStat.Unit");
        TreeMap<Long, TreeMap<String, Aggregate>> buckets =
                reads.buckets(index.find(key), MetricReads.range(start, end, period, now), unit);
        long[] times = new long[buckets.size()];
        double[] values = new double[buckets.size()];
        int n = 0;
        for (Map.Entry<Long, TreeMap<String, Aggregate>> bucket : buckets.entrySet()) {
            Aggregate all = new Aggregate();
            bucket.getValue().values().forEach(all::add);
            double value = statistic.of(all);
            if (!Double.isNaN(value)) {
                times[n] = bucket.getKey();
                values[n++] = value;
            }
        }
        String id = String.valueOf(query.id());
        long[] timestamps = java.util.Arrays.copyOf(times, n);
        double[] datapoints = java.util.Arrays.copyOf(values, n);
        DynamicLabels.Source source =
                new DynamicLabels.Source(labels.metricDefault(id, metricName), period, key, statName);
        return new Series(
                id, labels.render(query.label(), source, timestamps, datapoints), timestamps, datapoints, false);
    }

    /** The page of the results that the token asks for: at most {@code maxDatapoints} datapoints across them. */
    private static GetMetricDataResponse page(
            List<MetricDataQuery> queries,
            List<Series> results,
            boolean descending,
            int maxDatapoints,
            @Nullable String token) {
        long total = 0;
        for (Series series : results) {
            total += series.values().length;
        }
        long offset = offset(token, total);
        long budget = maxDatapoints;
        long skipped = 0;
        List<MetricDataResult> out = new ArrayList<>(results.size());
        for (Series series : results) {
            int size = series.values().length;
            long from = Math.min(size, Math.max(0, offset - skipped));
            skipped += size;
            int take = (int) Math.min(budget, size - from);
            List<Instant> timestamps = new ArrayList<>(take);
            List<Double> values = new ArrayList<>(take);
            for (int i = (int) from; i < from + take; i++) {
                int at = descending ? size - 1 - i : i;
                timestamps.add(Instant.ofEpochSecond(series.timestampsSeconds()[at]));
                values.add(series.values()[at]);
            }
            budget -= take;
            String status = from + take < size ? "PartialData" : "Complete";
            List<MessageData> messages = series.datapointsDropped()
                    ? List.of(new MessageData(Evaluation.ARITHMETIC_ERROR_CODE, Evaluation.ARITHMETIC_ERROR_MESSAGE))
                    : null;
            out.add(new MetricDataResult(series.id(), series.label(), timestamps, values, status, messages));
        }
        long returned = maxDatapoints - budget;
        String next = offset + returned < total ? TOKEN_PREFIX + (offset + returned) : null;
        return new GetMetricDataResponse(out, next, null);
    }

    private static long offset(@Nullable String token, long total) {
        if (token == null) {
            return 0;
        }
        try {
            long offset = token.startsWith(TOKEN_PREFIX) ? Long.parseLong(token.substring(TOKEN_PREFIX.length())) : -1;
            if (offset >= 0 && offset < total) {
                return offset;
            }
        } catch (NumberFormatException e) {
            // Answered below.
        }
        throw CloudWatchError.InvalidNextToken.with("The service couldn't process the NextToken.");
    }
}
