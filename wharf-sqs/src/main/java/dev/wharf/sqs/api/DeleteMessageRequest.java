package dev.wharf.sqs.api;

/** The input of DeleteMessage. */
public record DeleteMessageRequest(String queueUrl, String receiptHandle) {}
