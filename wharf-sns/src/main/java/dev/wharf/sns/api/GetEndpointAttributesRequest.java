package dev.wharf.sns.api;

import org.jspecify.annotations.Nullable;

/** The input of GetEndpointAttributes. */
public record GetEndpointAttributesRequest(@Nullable String endpointArn) {}
