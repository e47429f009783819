package dev.wharf.cloudwatch.api;

import org.jspecify.annotations.Nullable;

/** Part of CloudWatch's MetricDataQuery shape, as the model names its members. */
public record MetricDataQuery(
        @Nullable String id,
        @Nullable MetricStat metricStat,
        @Nullable String expression,
        @Nullable String label,
        @Nullable Boolean returnData,
        @Nullable Integer period,
        @Nullable String accountId) {}
