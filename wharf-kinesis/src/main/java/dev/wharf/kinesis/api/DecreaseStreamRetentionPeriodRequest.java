package dev.wharf.kinesis.api;

import org.jspecify.annotations.Nullable;

/** The input of DecreaseStreamRetentionPeriod. */
public record DecreaseStreamRetentionPeriodRequest(
        @Nullable String streamName,
        @Nullable Integer retentionPeriodHours,
        @Nullable String streamARN,
        @Nullable String streamId) {}
