package dev.wharf.kinesis.api;

import org.jspecify.annotations.Nullable;

/** The input of UpdateShardCount. */
public record UpdateShardCountRequest(
        @Nullable String streamName,
        @Nullable Integer targetShardCount,
        @Nullable String scalingType,
        @Nullable String streamARN,
        @Nullable String streamId) {}
