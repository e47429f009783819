package dev.wharf.cloudwatch.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The output of DescribeAlarmsForMetric. */
public record DescribeAlarmsForMetricResponse(@Nullable List<MetricAlarm> metricAlarms) {}
