package dev.wharf.sns.api;

import org.jspecify.annotations.Nullable;

/** The input of ListSubscriptionsByTopic. */
public record ListSubscriptionsByTopicRequest(
        @Nullable String topicArn, @Nullable String nextToken) {}
