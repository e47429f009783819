package dev.wharf.sqs.api;

import org.jspecify.annotations.Nullable;

/** The input of ChangeMessageVisibility. */
public record ChangeMessageVisibilityRequest(
        String queueUrl, String receiptHandle, @Nullable Integer visibilityTimeout) {}
