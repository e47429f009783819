package dev.wharf.cloudwatch.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The input of DescribeAlarmsForMetric. */
public record DescribeAlarmsForMetricRequest(
        @Nullable String metricName,
        @Nullable String namespace,
        @Nullable String statistic,
        @Nullable String extendedStatistic,
        @Nullable List<Dimension> dimensions,
        @Nullable Integer period,
        @Nullable String unit) {}
