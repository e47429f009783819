package dev.wharf.cloudwatch.api;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Part of CloudWatch's MetricDatum shape, as the model names its members. */
public record MetricDatum(
        @Nullable String metricName,
        @Nullable List<Dimension> dimensions,
        @Nullable Instant timestamp,
        @Nullable Double value,
        @Nullable StatisticSet statisticValues,
        @Nullable List<Double> values,
        @Nullable List<Double> counts,
        @Nullable String unit,
        @Nullable Integer storageResolution) {}
