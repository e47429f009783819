package dev.wharf.sns.api;

import org.jspecify.annotations.Nullable;

/** The input of ListEndpointsByPlatformApplication. */
public record ListEndpointsByPlatformApplicationRequest(
        @Nullable String platformApplicationArn, @Nullable String nextToken) {}
