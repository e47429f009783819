package dev.wharf.sqs.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The result of ListDeadLetterSourceQueues. */
public record ListDeadLetterSourceQueuesResult(
        List<String> queueUrls, @Nullable String nextToken) {}
