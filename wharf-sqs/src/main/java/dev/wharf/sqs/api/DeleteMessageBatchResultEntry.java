package dev.wharf.sqs.api;

/** One message that DeleteMessageBatch deleted. */
public record DeleteMessageBatchResultEntry(String id) {}
