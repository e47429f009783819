package dev.wharf.sns.api;

import org.jspecify.annotations.Nullable;

/** The input of Unsubscribe. */
public record UnsubscribeRequest(@Nullable String subscriptionArn) {}
