package dev.wharf.sns.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The output of ListEndpointsByPlatformApplication. */
public record ListEndpointsByPlatformApplicationResponse(
        @Nullable List<Endpoint> endpoints, @Nullable String nextToken) {}
