package dev.wharf.kinesis.api;

import org.jspecify.annotations.Nullable;

/** The input of ListTagsForStream. */
public record ListTagsForStreamRequest(
        @Nullable String streamName,
        @Nullable String exclusiveStartTagKey,
        @Nullable Integer limit,
        @Nullable String streamARN,
        @Nullable String streamId) {}
