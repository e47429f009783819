package dev.wharf.sns.api;

import org.jspecify.annotations.Nullable;

/** The input of DeletePlatformApplication. */
public record DeletePlatformApplicationRequest(@Nullable String platformApplicationArn) {}
