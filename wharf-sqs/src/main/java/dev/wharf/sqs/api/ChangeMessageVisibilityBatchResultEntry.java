package dev.wharf.sqs.api;

/** One message whose visibility ChangeMessageVisibilityBatch changed. */
public record ChangeMessageVisibilityBatchResultEntry(String id) {}
