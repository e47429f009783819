package dev.wharf.cloudwatch.engine;

import dev.wharf.cloudwatch.api.CloudWatchContext;
import dev.wharf.cloudwatch.api.CloudWatchError;
import dev.wharf.cloudwatch.api.CloudWatchLimits;
import dev.wharf.cloudwatch.api.EntityMetricData;
import dev.wharf.cloudwatch.api.MetricDatum;
import dev.wharf.cloudwatch.api.PutMetricDataRequest;
import dev.wharf.cloudwatch.api.StatisticSet;
import dev.wharf.storage.MetricBatch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * PutMetricData: checks every datum as CloudWatch does, then adds them to their series' points in one durable batch,
 * so that a call's data is stored whole or not at all.
 */
final class MetricWrites {

    /** A checked datum, before it has a series. */
    private record Checked(MetricKey key, long timeSeconds, boolean highResolution, String unit, Aggregate aggregate) {}

    private final SeriesIndex index;
    private final Datapoints datapoints;

    MetricWrites(SeriesIndex index, Datapoints datapoints) {
        this.index = index;
        this.datapoints = datapoints;
    }

    void putMetricData(CloudWatchContext context, PutMetricDataRequest request, Instant now) {
        put(context, MetricRules.customNamespace(request.namespace()), request, now);
    }

    /**
     * Adds the metrics that one of Wharf's own services publishes under its {@code AWS/} namespace, which
     * PutMetricData refuses to callers; the checks are otherwise the same.
     */
    void putServiceMetricData(CloudWatchContext context, String namespace, List<MetricDatum> data, Instant now) {
        if (!namespace.startsWith("AWS/")) {
            throw new IllegalArgumentException("a service publishes under AWS/: " + namespace);
        }
        put(context, namespace, new PutMetricDataRequest(namespace, data, null, null), now);
    }

    private void put(CloudWatchContext context, String namespace, PutMetricDataRequest request, Instant now) {
        List<MetricDatum> data = new ArrayList<>();
        if (request.metricData() != null) {
            data.addAll(request.metricData());
        }
        if (request.entityMetricData() != null) {
            for (EntityMetricData entity : request.entityMetricData()) {
                if (entity.metricData() != null) {
                    data.addAll(entity.metricData());
                }
            }
        }
        if (data.isEmpty()) {
            throw MetricRules.missing("MetricData");
        }
        if (data.size() > CloudWatchLimits.MAX_METRIC_DATA) {
            throw MetricRules.constraint(
                    "metricData", data.size() + " items", "Member must have length less than or equal to 1000");
        }
        List<Checked> checked = new ArrayList<>(data.size());
        for (int i = 0; i < data.size(); i++) {
            checked.add(check(context, namespace, data.get(i), "MetricData.member." + (i + 1), now));
        }
        MetricBatch batch = new MetricBatch();
        List<Series> series = index.received(checked.stream().map(Checked::key).toList(), now.getEpochSecond(), batch);
        List<Datapoints.Sample> samples = new ArrayList<>(checked.size());
        for (int i = 0; i < checked.size(); i++) {
            Checked datum = checked.get(i);
            samples.add(new Datapoints.Sample(
                    series.get(i), datum.timeSeconds(), datum.highResolution(), datum.unit(), datum.aggregate()));
        }
        datapoints.commit(samples, batch);
    }

    private static Checked check(
            CloudWatchContext context, String namespace, MetricDatum datum, String member, Instant now) {
        String metricName = MetricRules.name(datum.metricName(), member + ".MetricName");
        List<Map.Entry<String, String>> dimensions = MetricRules.dimensions(datum.dimensions(), member + ".Dimensions");
        Instant timestamp = datum.timestamp() == null ? now : datum.timestamp();
        if (timestamp.isBefore(now.minus(CloudWatchLimits.MAX_PAST))) {
            throw CloudWatchError.InvalidParameterValue.with(
                    "The parameter " + member + ".Timestamp must specify a time no more than two weeks in the past.");
        }
        if (timestamp.isAfter(now.plus(CloudWatchLimits.MAX_FUTURE))) {
            throw CloudWatchError.InvalidParameterValue.with(
                    "The parameter " + member + ".Timestamp must specify a time no more than two hours in the future.");
        }
        Integer resolution = datum.storageResolution();
        if (resolution != null && resolution != 1 && resolution != 60) {
            throw MetricRules.invalid(member + ".StorageResolution", resolution);
        }
        String unit = MetricRules.unit(datum.unit(), member + ".Unit");
        return new Checked(
                new MetricKey(context.accountId(), namespace, metricName, dimensions),
                timestamp.getEpochSecond(),
                resolution != null && resolution == 1,
                unit,
                aggregate(datum, member));
    }

    /** The datum's Value, Values with Counts, or StatisticValues, of which it must have exactly one. */
    private static Aggregate aggregate(MetricDatum datum, String member) {
        boolean value = datum.value() != null;
        List<Double> valueList = datum.values() == null ? List.of() : datum.values();
        boolean values = !valueList.isEmpty();
        StatisticSet statisticSet = datum.statisticValues();
        boolean set = statisticSet != null;
        if (value && set) {
            throw MetricRules.exclusive(member + ".Value", member + ".StatisticValues");
        }
        if (value && values) {
            throw MetricRules.exclusive(member + ".Value", member + ".Values");
        }
        if (values && set) {
            throw MetricRules.exclusive(member + ".Values", member + ".StatisticValues");
        }
        Aggregate aggregate = new Aggregate();
        if (statisticSet != null) {
            statisticSet(aggregate, statisticSet, member + ".StatisticValues");
        } else if (values) {
            values(aggregate, valueList, datum.counts(), member);
        } else if (value) {
            aggregate.addValue(MetricRules.value(datum.value(), member + ".Value"), 1);
        } else if (datum.counts() != null && !datum.counts().isEmpty()) {
            throw MetricRules.missing(member + ".Values");
        } else {
            throw MetricRules.missing(member + ".Value");
        }
        return aggregate;
    }

    private static void values(
            Aggregate aggregate,
            List<Double> values,
            @org.jspecify.annotations.Nullable List<Double> counts,
            String member) {
        if (values.size() > CloudWatchLimits.MAX_VALUES) {
            throw MetricRules.constraint(
                    member + ".Values", values.size() + " values", "Member must have length less than or equal to 150");
        }
        if (counts != null && !counts.isEmpty() && counts.size() != values.size()) {
            throw CloudWatchError.InvalidParameterValue.with(
                    "The parameters " + member + ".Values and " + member + ".Counts must be of the same size.");
        }
        for (int i = 0; i < values.size(); i++) {
            double value = MetricRules.value(values.get(i), member + ".Values.member." + (i + 1));
            double count = 1;
            if (counts != null && !counts.isEmpty()) {
                count = MetricRules.value(counts.get(i), member + ".Counts.member." + (i + 1));
                if (count < 0) {
                    throw MetricRules.invalid(member + ".Counts.member." + (i + 1), count);
                }
            }
            aggregate.addValue(value, count);
        }
    }

    private static void statisticSet(Aggregate aggregate, StatisticSet set, String member) {
        double count = MetricRules.value(set.sampleCount(), member + ".SampleCount");
        double sum = MetricRules.value(set.sum(), member + ".Sum");
        double minimum = MetricRules.value(set.minimum(), member + ".Minimum");
        double maximum = MetricRules.value(set.maximum(), member + ".Maximum");
        if (count <= 0) {
            throw MetricRules.invalid(member + ".SampleCount", count);
        }
        if (minimum > maximum) {
            throw CloudWatchError.InvalidParameterValue.with(
                    "The parameter " + member + ".Minimum must not be greater than " + member + ".Maximum.");
        }
        aggregate.addStatisticSet(count, sum, minimum, maximum);
    }
}
