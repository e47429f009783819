package dev.wharf.kinesis.api;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** The input of GetShardIterator. */
public record GetShardIteratorRequest(
        @Nullable String streamName,
        @Nullable String shardId,
        @Nullable String shardIteratorType,
        @Nullable String startingSequenceNumber,
        @Nullable Instant timestamp,
        @Nullable String streamARN,
        @Nullable String streamId) {}
