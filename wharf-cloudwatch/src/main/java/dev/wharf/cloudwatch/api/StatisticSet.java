package dev.wharf.cloudwatch.api;

import org.jspecify.annotations.Nullable;

/** Part of CloudWatch's StatisticSet shape, as the model names its members. */
public record StatisticSet(
        @Nullable Double sampleCount,
        @Nullable Double sum,
        @Nullable Double minimum,
        @Nullable Double maximum) {}
