package dev.wharf.kinesis.api;

import org.jspecify.annotations.Nullable;

/** The output of DescribeLimits. */
public record DescribeLimitsResponse(
        @Nullable Integer shardLimit,
        @Nullable Integer openShardCount,
        @Nullable Integer onDemandStreamCount,
        @Nullable Integer onDemandStreamCountLimit) {}
