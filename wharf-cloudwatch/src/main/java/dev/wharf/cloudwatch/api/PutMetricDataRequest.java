package dev.wharf.cloudwatch.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The input of PutMetricData. */
public record PutMetricDataRequest(
        @Nullable String namespace,
        @Nullable List<MetricDatum> metricData,
        @Nullable List<EntityMetricData> entityMetricData,
        @Nullable Boolean strictEntityValidation) {}
