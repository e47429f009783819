package dev.wharf.sqs.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The result of ListQueues. */
public record ListQueuesResult(
        List<String> queueUrls, @Nullable String nextToken) {}
