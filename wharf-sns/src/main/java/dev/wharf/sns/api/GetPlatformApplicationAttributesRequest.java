package dev.wharf.sns.api;

import org.jspecify.annotations.Nullable;

/** The input of GetPlatformApplicationAttributes. */
public record GetPlatformApplicationAttributesRequest(
        @Nullable String platformApplicationArn) {}
