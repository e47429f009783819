package dev.wharf.sqs.api;

import java.util.Map;

/** The input of SetQueueAttributes. */
public record SetQueueAttributesRequest(String queueUrl, Map<String, String> attributes) {}
