package dev.wharf.sns.api;

import org.jspecify.annotations.Nullable;

/** The output of CreatePlatformApplication. */
public record CreatePlatformApplicationResponse(@Nullable String platformApplicationArn) {}
