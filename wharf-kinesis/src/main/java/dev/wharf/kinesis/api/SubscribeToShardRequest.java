package dev.wharf.kinesis.api;

import org.jspecify.annotations.Nullable;

/** Kinesis's SubscribeToShardInput shape, as the model names its members. */
public record SubscribeToShardRequest(
        @Nullable String consumerARN,
        @Nullable String shardId,
        @Nullable StartingPosition startingPosition) {}
