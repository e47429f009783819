package dev.wharf.sqs.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The input of DeleteMessageBatch. */
public record DeleteMessageBatchRequest(
        String queueUrl, @Nullable List<DeleteMessageBatchRequestEntry> entries) {}
