package dev.wharf.sns.api;

import org.jspecify.annotations.Nullable;

/** The output of ConfirmSubscription. */
public record ConfirmSubscriptionResponse(@Nullable String subscriptionArn) {}
