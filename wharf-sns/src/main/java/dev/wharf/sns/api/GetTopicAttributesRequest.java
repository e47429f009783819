package dev.wharf.sns.api;

import org.jspecify.annotations.Nullable;

/** The input of GetTopicAttributes. */
public record GetTopicAttributesRequest(@Nullable String topicArn) {}
