package dev.wharf.kinesis.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** Part of Kinesis's ChildShard shape, as the model names its members. */
public record ChildShard(
        @Nullable String shardId,
        @Nullable List<String> parentShards,
        @Nullable HashKeyRange hashKeyRange) {}
