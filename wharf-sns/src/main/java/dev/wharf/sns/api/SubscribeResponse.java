package dev.wharf.sns.api;

import org.jspecify.annotations.Nullable;

/** The output of Subscribe. */
public record SubscribeResponse(@Nullable String subscriptionArn) {}
