package dev.wharf.cloudwatch.api;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Part of CloudWatch's Entity shape, as the model names its members. */
public record Entity(
        @Nullable Map<String, String> keyAttributes,
        @Nullable Map<String, String> attributes) {}
