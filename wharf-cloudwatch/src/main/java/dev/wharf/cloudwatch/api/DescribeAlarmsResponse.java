package dev.wharf.cloudwatch.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The output of DescribeAlarms. */
public record DescribeAlarmsResponse(
        @Nullable List<CompositeAlarm> compositeAlarms,
        @Nullable List<MetricAlarm> metricAlarms,
        @Nullable List<LogAlarm> logAlarms,
        @Nullable String nextToken) {}
