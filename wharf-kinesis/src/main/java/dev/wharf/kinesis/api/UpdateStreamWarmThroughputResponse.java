package dev.wharf.kinesis.api;

import org.jspecify.annotations.Nullable;

/** The output of UpdateStreamWarmThroughput. */
public record UpdateStreamWarmThroughputResponse(
        @Nullable String streamARN,
        @Nullable String streamName,
        @Nullable WarmThroughputObject warmThroughput) {}
