package dev.wharf.sqs.api;

/** The input of DeleteQueue. */
public record DeleteQueueRequest(String queueUrl) {}
