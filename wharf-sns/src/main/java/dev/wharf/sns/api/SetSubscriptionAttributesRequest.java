package dev.wharf.sns.api;

import org.jspecify.annotations.Nullable;

/** The input of SetSubscriptionAttributes. */
public record SetSubscriptionAttributesRequest(
        @Nullable String subscriptionArn,
        @Nullable String attributeName,
        @Nullable String attributeValue) {}
