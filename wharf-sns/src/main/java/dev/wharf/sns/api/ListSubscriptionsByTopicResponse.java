package dev.wharf.sns.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The output of ListSubscriptionsByTopic. */
public record ListSubscriptionsByTopicResponse(
        @Nullable List<Subscription> subscriptions,
        @Nullable String nextToken) {}
