package dev.wharf.sns.api;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The input of SetPlatformApplicationAttributes. */
public record SetPlatformApplicationAttributesRequest(
        @Nullable String platformApplicationArn, @Nullable Map<String, String> attributes) {}
