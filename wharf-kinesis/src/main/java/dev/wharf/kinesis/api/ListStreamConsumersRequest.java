package dev.wharf.kinesis.api;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** The input of ListStreamConsumers. */
public record ListStreamConsumersRequest(
        @Nullable String streamARN,
        @Nullable String nextToken,
        @Nullable Integer maxResults,
        @Nullable Instant streamCreationTimestamp,
        @Nullable String streamId) {}
