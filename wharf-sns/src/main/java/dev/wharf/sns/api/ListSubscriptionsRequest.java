package dev.wharf.sns.api;

import org.jspecify.annotations.Nullable;

/** The input of ListSubscriptions. */
public record ListSubscriptionsRequest(@Nullable String nextToken) {}
