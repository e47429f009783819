package dev.wharf.firehose.api;

import org.jspecify.annotations.Nullable;

/** Part of Firehose's DatabaseSourceAuthenticationConfiguration shape, as the model names its members. */
public record DatabaseSourceAuthenticationConfiguration(
        @Nullable SecretsManagerConfiguration secretsManagerConfiguration) {}
