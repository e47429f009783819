package dev.wharf.cloudwatch.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** Part of CloudWatch's Metric shape, as the model names its members. */
public record Metric(
        @Nullable String namespace,
        @Nullable String metricName,
        @Nullable List<Dimension> dimensions) {}
