package dev.wharf.firehose.api;

import org.jspecify.annotations.Nullable;

/** Part of Firehose's SecretsManagerConfiguration shape, as the model names its members. */
public record SecretsManagerConfiguration(
        @Nullable String secretARN,
        @Nullable String roleARN,
        @Nullable Boolean enabled) {}
