package dev.wharf.kinesis.api;

import org.jspecify.annotations.Nullable;

/** The input of ListStreams. */
public record ListStreamsRequest(
        @Nullable Integer limit,
        @Nullable String exclusiveStartStreamName,
        @Nullable String nextToken) {}
