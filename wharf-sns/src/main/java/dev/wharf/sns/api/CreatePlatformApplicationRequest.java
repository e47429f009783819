package dev.wharf.sns.api;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The input of CreatePlatformApplication. */
public record CreatePlatformApplicationRequest(
        @Nullable String name,
        @Nullable String platform,
        @Nullable Map<String, String> attributes) {}
