package dev.wharf.sns.api;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The input of SetEndpointAttributes. */
public record SetEndpointAttributesRequest(
        @Nullable String endpointArn, @Nullable Map<String, String> attributes) {}
