package dev.wharf.cloudwatch.api;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Part of CloudWatch's Datapoint shape, as the model names its members. */
public record Datapoint(
        @Nullable Instant timestamp,
        @Nullable Double sampleCount,
        @Nullable Double average,
        @Nullable Double sum,
        @Nullable Double minimum,
        @Nullable Double maximum,
        @Nullable String unit,
        @Nullable Map<String, Double> extendedStatistics) {}
