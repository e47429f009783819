package dev.wharf.firehose.api;

import org.jspecify.annotations.Nullable;

/** Part of Firehose's AuthenticationConfiguration shape, as the model names its members. */
public record AuthenticationConfiguration(
        @Nullable String roleARN, @Nullable String connectivity) {}
