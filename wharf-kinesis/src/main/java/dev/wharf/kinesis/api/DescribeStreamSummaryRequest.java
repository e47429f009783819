package dev.wharf.kinesis.api;

import org.jspecify.annotations.Nullable;

/** The input of DescribeStreamSummary. */
public record DescribeStreamSummaryRequest(
        @Nullable String streamName,
        @Nullable String streamARN,
        @Nullable String streamId) {}
