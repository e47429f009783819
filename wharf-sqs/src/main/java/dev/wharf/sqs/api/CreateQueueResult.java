package dev.wharf.sqs.api;

/** The result of CreateQueue. */
public record CreateQueueResult(String queueUrl) {}
