package dev.wharf.sqs.api;

import org.jspecify.annotations.Nullable;

/** The input of ListQueues. */
public record ListQueuesRequest(
        @Nullable String queueNamePrefix,
        @Nullable String nextToken,
        @Nullable Integer maxResults) {}
