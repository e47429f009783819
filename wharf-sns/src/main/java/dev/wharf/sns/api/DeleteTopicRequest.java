package dev.wharf.sns.api;

import org.jspecify.annotations.Nullable;

/** The input of DeleteTopic. */
public record DeleteTopicRequest(@Nullable String topicArn) {}
