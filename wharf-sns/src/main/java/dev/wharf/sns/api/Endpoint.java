package dev.wharf.sns.api;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Part of SNS's Endpoint shape, as the model names its members. */
public record Endpoint(
        @Nullable String endpointArn, @Nullable Map<String, String> attributes) {}
