package dev.wharf.kinesis.api;

import org.jspecify.annotations.Nullable;

/** The output of GetShardIterator. */
public record GetShardIteratorResponse(@Nullable String shardIterator) {}
