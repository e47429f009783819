package dev.wharf.cloudwatch.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The input of ListMetrics. */
public record ListMetricsRequest(
        @Nullable String namespace,
        @Nullable String metricName,
        @Nullable List<DimensionFilter> dimensions,
        @Nullable String nextToken,
        @Nullable String recentlyActive,
        @Nullable Boolean includeLinkedAccounts,
        @Nullable String owningAccount) {}
