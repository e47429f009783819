package dev.wharf.kinesis.api;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** The input of ListShards. */
public record ListShardsRequest(
        @Nullable String streamName,
        @Nullable String nextToken,
        @Nullable String exclusiveStartShardId,
        @Nullable Integer maxResults,
        @Nullable Instant streamCreationTimestamp,
        @Nullable ShardFilter shardFilter,
        @Nullable String streamARN,
        @Nullable String streamId) {}
