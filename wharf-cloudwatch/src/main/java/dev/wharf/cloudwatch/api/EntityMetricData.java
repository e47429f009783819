package dev.wharf.cloudwatch.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** Part of CloudWatch's EntityMetricData shape, as the model names its members. */
public record EntityMetricData(
        @Nullable Entity entity, @Nullable List<MetricDatum> metricData) {}
