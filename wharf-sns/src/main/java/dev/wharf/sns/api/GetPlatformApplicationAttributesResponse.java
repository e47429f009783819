package dev.wharf.sns.api;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The output of GetPlatformApplicationAttributes. */
public record GetPlatformApplicationAttributesResponse(
        @Nullable Map<String, String> attributes) {}
