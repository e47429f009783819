package dev.wharf.kinesis.api;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Part of Kinesis's ShardFilter shape, as the model names its members. */
public record ShardFilter(
        @Nullable String type,
        @Nullable String shardId,
        @Nullable Instant timestamp) {}
