package dev.wharf.sns.api;

import org.jspecify.annotations.Nullable;

/** The output of CreateTopic. */
public record CreateTopicResponse(@Nullable String topicArn) {}
