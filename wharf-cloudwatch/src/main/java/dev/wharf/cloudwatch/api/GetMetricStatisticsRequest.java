package dev.wharf.cloudwatch.api;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The input of GetMetricStatistics. */
public record GetMetricStatisticsRequest(
        @Nullable String namespace,
        @Nullable String metricName,
        @Nullable List<Dimension> dimensions,
        @Nullable Instant startTime,
        @Nullable Instant endTime,
        @Nullable Integer period,
        @Nullable List<String> statistics,
        @Nullable List<String> extendedStatistics,
        @Nullable String unit) {}
