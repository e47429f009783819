package dev.wharf.sqs.api;

/** The input of PurgeQueue. */
public record PurgeQueueRequest(String queueUrl) {}
