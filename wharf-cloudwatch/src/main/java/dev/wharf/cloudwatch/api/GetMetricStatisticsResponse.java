package dev.wharf.cloudwatch.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The output of GetMetricStatistics. */
public record GetMetricStatisticsResponse(
        @Nullable String label, @Nullable List<Datapoint> datapoints) {}
