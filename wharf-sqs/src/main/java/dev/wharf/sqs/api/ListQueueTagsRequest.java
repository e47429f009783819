package dev.wharf.sqs.api;

/** The input of ListQueueTags. */
public record ListQueueTagsRequest(String queueUrl) {}
