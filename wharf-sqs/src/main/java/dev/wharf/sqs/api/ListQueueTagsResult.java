package dev.wharf.sqs.api;

import java.util.Map;

/** The result of ListQueueTags. */
public record ListQueueTagsResult(Map<String, String> tags) {}
