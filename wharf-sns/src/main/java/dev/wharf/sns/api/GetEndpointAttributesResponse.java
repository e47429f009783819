package dev.wharf.sns.api;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The output of GetEndpointAttributes. */
public record GetEndpointAttributesResponse(@Nullable Map<String, String> attributes) {}
