package dev.wharf.firehose.api;

import org.jspecify.annotations.Nullable;

/** Part of Firehose's EncryptionConfiguration shape, as the model names its members. */
public record EncryptionConfiguration(
        @Nullable String noEncryptionConfig, @Nullable KMSEncryptionConfig kMSEncryptionConfig) {}
