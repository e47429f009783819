package dev.wharf.kinesis.api;

import org.jspecify.annotations.Nullable;

/** The input of SplitShard. */
public record SplitShardRequest(
        @Nullable String streamName,
        @Nullable String shardToSplit,
        @Nullable String newStartingHashKey,
        @Nullable String streamARN,
        @Nullable String streamId) {}
