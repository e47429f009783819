package dev.wharf.sns.api;

import org.jspecify.annotations.Nullable;

/** The input of GetSubscriptionAttributes. */
public record GetSubscriptionAttributesRequest(@Nullable String subscriptionArn) {}
