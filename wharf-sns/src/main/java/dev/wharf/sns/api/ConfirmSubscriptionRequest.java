package dev.wharf.sns.api;

import org.jspecify.annotations.Nullable;

/** The input of ConfirmSubscription. */
public record ConfirmSubscriptionRequest(
        @Nullable String topicArn,
        @Nullable String token,
        @Nullable String authenticateOnUnsubscribe) {}
