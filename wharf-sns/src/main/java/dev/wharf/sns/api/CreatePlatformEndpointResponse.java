package dev.wharf.sns.api;

import org.jspecify.annotations.Nullable;

/** The output of CreatePlatformEndpoint. */
public record CreatePlatformEndpointResponse(@Nullable String endpointArn) {}
