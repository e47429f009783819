package dev.wharf.sqs.api;

/** One message of DeleteMessageBatch. */
public record DeleteMessageBatchRequestEntry(String id, String receiptHandle) {}
