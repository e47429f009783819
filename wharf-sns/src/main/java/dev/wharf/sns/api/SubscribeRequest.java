package dev.wharf.sns.api;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The input of Subscribe. */
public record SubscribeRequest(
        @Nullable String topicArn,
        @Nullable String protocol,
        @Nullable String endpoint,
        @Nullable Map<String, String> attributes,
        @Nullable Boolean returnSubscriptionArn) {}
