package dev.wharf.sqs.api;

import java.util.Map;

/** The input of TagQueue. */
public record TagQueueRequest(String queueUrl, Map<String, String> tags) {}
