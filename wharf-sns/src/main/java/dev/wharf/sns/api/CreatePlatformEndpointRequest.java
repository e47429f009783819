package dev.wharf.sns.api;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The input of CreatePlatformEndpoint. */
public record CreatePlatformEndpointRequest(
        @Nullable String platformApplicationArn,
        @Nullable String token,
        @Nullable String customUserData,
        @Nullable Map<String, String> attributes) {}
