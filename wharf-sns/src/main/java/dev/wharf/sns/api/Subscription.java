package dev.wharf.sns.api;

import org.jspecify.annotations.Nullable;

/** Part of SNS's Subscription shape, as the model names its members. */
public record Subscription(
        @Nullable String subscriptionArn,
        @Nullable String owner,
        @Nullable String protocol,
        @Nullable String endpoint,
        @Nullable String topicArn) {}
