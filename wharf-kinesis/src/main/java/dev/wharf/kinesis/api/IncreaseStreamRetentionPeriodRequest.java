package dev.wharf.kinesis.api;

import org.jspecify.annotations.Nullable;

/** The input of IncreaseStreamRetentionPeriod. */
public record IncreaseStreamRetentionPeriodRequest(
        @Nullable String streamName,
        @Nullable Integer retentionPeriodHours,
        @Nullable String streamARN,
        @Nullable String streamId) {}
