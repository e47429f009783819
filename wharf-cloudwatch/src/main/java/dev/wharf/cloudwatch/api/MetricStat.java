package dev.wharf.cloudwatch.api;

import org.jspecify.annotations.Nullable;

/** Part of CloudWatch's MetricStat shape, as the model names its members. */
public record MetricStat(
        @Nullable Metric metric,
        @Nullable Integer period,
        @Nullable String stat,
        @Nullable String unit) {}
