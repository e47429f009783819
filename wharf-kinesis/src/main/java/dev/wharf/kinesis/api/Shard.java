package dev.wharf.kinesis.api;

import org.jspecify.annotations.Nullable;

/** Part of Kinesis's Shard shape, as the model names its members. */
public record Shard(
        @Nullable String shardId,
        @Nullable String parentShardId,
        @Nullable String adjacentParentShardId,
        @Nullable HashKeyRange hashKeyRange,
        @Nullable SequenceNumberRange sequenceNumberRange) {}
