package dev.wharf.sqs.api;

/** The result of GetQueueUrl. */
public record GetQueueUrlResult(String queueUrl) {}
