package dev.wharf.sqs.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The input of SendMessageBatch. */
public record SendMessageBatchRequest(
        String queueUrl, @Nullable List<SendMessageBatchRequestEntry> entries) {}
