package dev.wharf.sns.api;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The output of GetSubscriptionAttributes. */
public record GetSubscriptionAttributesResponse(@Nullable Map<String, String> attributes) {}
