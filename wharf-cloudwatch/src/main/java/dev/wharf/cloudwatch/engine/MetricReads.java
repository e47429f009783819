package dev.wharf.cloudwatch.engine;

import dev.wharf.cloudwatch.api.CloudWatchContext;
import dev.wharf.cloudwatch.api.CloudWatchError;
import dev.wharf.cloudwatch.api.CloudWatchLimits;
import dev.wharf.cloudwatch.api.Datapoint;
import dev.wharf.cloudwatch.api.GetMetricStatisticsRequest;
import dev.wharf.cloudwatch.api.GetMetricStatisticsResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Reads a series's data by period: the buckets of GetMetricStatistics and of GetMetricData's metric queries, from the
 * resolution that the age of the start time allows (see {@link Resolution#forRead}), and GetMetricStatistics itself.
 */
final class MetricReads {

    /** Periods under a minute that high-resolution data may be read at; longer ones are multiples of 60. */
    private static final List<Integer> SHORT_PERIODS = List.of(1, 5, 10, 20, 30);

    private final SeriesIndex index;
    private final Datapoints datapoints;

    MetricReads(SeriesIndex index, Datapoints datapoints) {
        this.index = index;
        this.datapoints = datapoints;
    }

    /** The time range of a read, its start moved to the resolution's bucket as AWS rounds it. */
    record Range(
            long startSeconds,
            long endSeconds,
            int periodSeconds,
            @Nullable Resolution resolution) {

        /** The number of periods in the range, the last one possibly partial. */
        long periods() {
            return Math.max(0, Math.ceilDiv(endSeconds - startSeconds, (long) periodSeconds));
        }
    }

    static boolean validPeriod(int periodSeconds) {
        return periodSeconds > 0 && (periodSeconds % 60 == 0 || SHORT_PERIODS.contains(periodSeconds));
    }

    static Range range(Instant start, Instant end, int periodSeconds, Instant now) {
        Resolution resolution = Resolution.forRead(start.getEpochSecond(), periodSeconds, now.getEpochSecond());
        long aligned = resolution == null ? start.getEpochSecond() : resolution.bucketOf(start.getEpochSecond());
        long endSeconds = end.getEpochSecond() + (end.getNano() > 0 ? 1 : 0);
        return new Range(aligned, endSeconds, periodSeconds, resolution);
    }

    /**
     * The aggregates of a series by period start, then by unit, in time order; periods without data are absent. A
     * {@code unit} keeps only the data of that unit.
     */
    TreeMap<Long, TreeMap<String, Aggregate>> buckets(@Nullable Series series, Range range, @Nullable String unit) {
        TreeMap<Long, TreeMap<String, Aggregate>> buckets = new TreeMap<>();
        if (series == null || range.resolution() == null) {
            return buckets;
        }
        for (Datapoints.Point point :
                datapoints.read(series.id(), range.resolution(), range.startSeconds(), range.endSeconds())) {
            long bucket = range.startSeconds()
                    + Math.floorDiv(point.timeSeconds() - range.startSeconds(), range.periodSeconds())
                            * (long) range.periodSeconds();
            for (Map.Entry<String, Aggregate> entry : point.byUnit().entrySet()) {
                if (unit == null || unit.equals(entry.getKey())) {
                    buckets.computeIfAbsent(bucket, b -> new TreeMap<>())
                            .computeIfAbsent(entry.getKey(), u -> new Aggregate())
                            .add(entry.getValue());
                }
            }
        }
        return buckets;
    }

    GetMetricStatisticsResponse getMetricStatistics(
            CloudWatchContext context, GetMetricStatisticsRequest request, Instant now) {
        String namespace = MetricRules.name(request.namespace(), "Namespace");
        String metricName = MetricRules.name(request.metricName(), "MetricName");
        MetricKey key = new MetricKey(
                context.accountId(), namespace, metricName, MetricRules.dimensions(request.dimensions(), "Dimensions"));
        Instant start = require(request.startTime(), "StartTime");
        Instant end = require(request.endTime(), "EndTime");
        int period = require(request.period(), "Period");
        if (!validPeriod(period)) {
            throw MetricRules.invalid("Period", period);
        }
        Map<String, Statistic> statistics = statistics(request.statistics(), request.extendedStatistics());
        String unit = request.unit() == null ? null : MetricRules.unit(request.unit(), "Unit");
        if (!start.isBefore(end)) {
            throw CloudWatchError.InvalidParameterValue.with(
                    "The parameter StartTime must be less than the parameter EndTime.");
        }
        Range range = range(start, end, period, now);
        if (range.periods() > CloudWatchLimits.MAX_STATISTICS_DATAPOINTS) {
            throw CloudWatchError.InvalidParameterCombination.with("You have requested up to " + range.periods()
                    + " datapoints, which exceeds the limit of 1440. You may reduce the datapoints requested by"
                    + " increasing Period, or decreasing the time range.");
        }
        List<Datapoint> out = new ArrayList<>();
        buckets(index.find(key), range, unit)
                .forEach((time, byUnit) -> byUnit.forEach(
                        (dataUnit, aggregate) -> out.add(datapoint(time, dataUnit, aggregate, statistics))));
        return new GetMetricStatisticsResponse(metricName, out);
    }

    private static Datapoint datapoint(long time, String unit, Aggregate aggregate, Map<String, Statistic> statistics) {
        Map<String, Double> extended = new LinkedHashMap<>();
        for (Map.Entry<String, Statistic> statistic : statistics.entrySet()) {
            if (!(statistic.getValue() instanceof Statistic.Basic)) {
                double value = statistic.getValue().of(aggregate);
                if (!Double.isNaN(value)) {
                    extended.put(statistic.getKey(), value);
                }
            }
        }
        return new Datapoint(
                Instant.ofEpochSecond(time),
                basic(statistics, Statistic.Basic.SampleCount, aggregate),
                basic(statistics, Statistic.Basic.Average, aggregate),
                basic(statistics, Statistic.Basic.Sum, aggregate),
                basic(statistics, Statistic.Basic.Minimum, aggregate),
                basic(statistics, Statistic.Basic.Maximum, aggregate),
                unit,
                extended.isEmpty() ? null : extended);
    }

    private static @Nullable Double basic(Map<String, Statistic> wanted, Statistic.Basic basic, Aggregate aggregate) {
        return wanted.containsKey(basic.name()) ? basic.of(aggregate) : null;
    }

    /** The statistics a request names, by the text it names them with. */
    private static Map<String, Statistic> statistics(
            @Nullable List<String> statistics, @Nullable List<String> extended) {
        boolean hasBasic = statistics != null && !statistics.isEmpty();
        boolean hasExtended = extended != null && !extended.isEmpty();
        if (!hasBasic && !hasExtended) {
            throw CloudWatchError.MissingParameter.with("Must specify either Statistics or ExtendedStatistics.");
        }
        if (hasBasic && hasExtended) {
            throw MetricRules.exclusive("Statistics", "ExtendedStatistics");
        }
        Map<String, Statistic> out = new LinkedHashMap<>();
        if (statistics != null && hasBasic) {
            if (statistics.size() > CloudWatchLimits.MAX_STATISTICS) {
                throw MetricRules.constraint(
                        "statistics", statistics, "Member must have length less than or equal to 5");
            }
            for (String name : statistics) {
                Statistic basic = Statistic.basic(name);
                if (basic == null) {
                    throw MetricRules.constraint(
                            "statistics",
                            statistics,
                            "Member must satisfy constraint: [Member must satisfy enum value set: [Maximum, SampleCount,"
                                    + " Sum, Minimum, Average]]");
                }
                out.put(name, basic);
            }
        }
        if (extended != null && hasExtended) {
            if (extended.size() > CloudWatchLimits.MAX_EXTENDED_STATISTICS) {
                throw MetricRules.constraint(
                        "extendedStatistics", extended, "Member must have length less than or equal to 10");
            }
            for (String name : extended) {
                Statistic statistic = Statistic.extended(name);
                if (statistic == null) {
                    throw CloudWatchError.InvalidParameterValue.with("The value " + dev.wharf.common.LogText.of(name)
                            + " for parameter ExtendedStatistics is not supported.");
                }
                out.put(name, statistic);
            }
        }
        return out;
    }

    static <T> T require(@Nullable T value, String member) {
        if (value == null) {
            throw MetricRules.missing(member);
        }
        return value;
    }
}
