package dev.wharf.sns.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The output of ListSubscriptions. */
public record ListSubscriptionsResponse(
        @Nullable List<Subscription> subscriptions,
        @Nullable String nextToken) {}
