package dev.wharf.sqs.api;

import java.util.List;

/** The input of UntagQueue. */
public record UntagQueueRequest(String queueUrl, List<String> tagKeys) {}
