package dev.wharf.sqs.api;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The input of CreateQueue. */
public record CreateQueueRequest(
        String queueName,
        @Nullable Map<String, String> attributes,
        @Nullable Map<String, String> tags) {}
