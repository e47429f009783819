package dev.wharf.kinesis.api;

import org.jspecify.annotations.Nullable;

/** The input of MergeShards. */
public record MergeShardsRequest(
        @Nullable String streamName,
        @Nullable String shardToMerge,
        @Nullable String adjacentShardToMerge,
        @Nullable String streamARN,
        @Nullable String streamId) {}
