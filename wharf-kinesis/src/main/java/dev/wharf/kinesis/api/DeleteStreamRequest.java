package dev.wharf.kinesis.api;

import org.jspecify.annotations.Nullable;

/** The input of DeleteStream. */
public record DeleteStreamRequest(
        @Nullable String streamName,
        @Nullable Boolean enforceConsumerDeletion,
        @Nullable String streamARN,
        @Nullable String streamId) {}
