package dev.wharf.sqs.api;

import org.jspecify.annotations.Nullable;

/** One message of ChangeMessageVisibilityBatch. */
public record ChangeMessageVisibilityBatchRequestEntry(
        String id, String receiptHandle, @Nullable Integer visibilityTimeout) {}
