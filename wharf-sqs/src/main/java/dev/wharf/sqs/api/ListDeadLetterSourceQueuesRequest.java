package dev.wharf.sqs.api;

import org.jspecify.annotations.Nullable;

/** The input of ListDeadLetterSourceQueues. */
public record ListDeadLetterSourceQueuesRequest(
        String queueUrl,
        @Nullable String nextToken,
        @Nullable Integer maxResults) {}
