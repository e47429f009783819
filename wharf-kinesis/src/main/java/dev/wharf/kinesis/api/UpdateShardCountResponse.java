package dev.wharf.kinesis.api;

import org.jspecify.annotations.Nullable;

/** The output of UpdateShardCount. */
public record UpdateShardCountResponse(
        @Nullable String streamName,
        @Nullable Integer currentShardCount,
        @Nullable Integer targetShardCount,
        @Nullable String streamARN) {}
