package dev.wharf.sns.api;

import org.jspecify.annotations.Nullable;

/** The input of DeleteEndpoint. */
public record DeleteEndpointRequest(@Nullable String endpointArn) {}
