package dev.wharf.sqs.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The input of ChangeMessageVisibilityBatch. */
public record ChangeMessageVisibilityBatchRequest(
        String queueUrl, @Nullable List<ChangeMessageVisibilityBatchRequestEntry> entries) {}
