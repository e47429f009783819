package dev.wharf.kinesis.api;

import org.jspecify.annotations.Nullable;

/** The input of DescribeStream. */
public record DescribeStreamRequest(
        @Nullable String streamName,
        @Nullable Integer limit,
        @Nullable String exclusiveStartShardId,
        @Nullable String streamARN,
        @Nullable String streamId) {}
