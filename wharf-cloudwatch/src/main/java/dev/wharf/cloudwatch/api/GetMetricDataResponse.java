package dev.wharf.cloudwatch.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The output of GetMetricData. */
public record GetMetricDataResponse(
        @Nullable List<MetricDataResult> metricDataResults,
        @Nullable String nextToken,
        @Nullable List<MessageData> messages) {}
