package dev.wharf.cloudwatch.api;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The input of GetMetricData. */
public record GetMetricDataRequest(
        @Nullable List<MetricDataQuery> metricDataQueries,
        @Nullable Instant startTime,
        @Nullable Instant endTime,
        @Nullable String nextToken,
        @Nullable String scanBy,
        @Nullable Integer maxDatapoints,
        @Nullable LabelOptions labelOptions) {}
