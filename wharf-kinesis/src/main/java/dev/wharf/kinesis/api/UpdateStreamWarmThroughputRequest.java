package dev.wharf.kinesis.api;

import org.jspecify.annotations.Nullable;

/** The input of UpdateStreamWarmThroughput. */
public record UpdateStreamWarmThroughputRequest(
        @Nullable String streamARN,
        @Nullable String streamName,
        @Nullable String streamId,
        @Nullable Integer warmThroughputMiBps) {}
