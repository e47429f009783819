package dev.wharf.cloudwatch.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The output of ListMetrics. */
public record ListMetricsResponse(
        @Nullable List<Metric> metrics,
        @Nullable String nextToken,
        @Nullable List<String> owningAccounts) {}
