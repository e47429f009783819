package dev.wharf.sqs.api;

import java.util.Map;

/** The result of GetQueueAttributes. */
public record GetQueueAttributesResult(Map<String, String> attributes) {}
