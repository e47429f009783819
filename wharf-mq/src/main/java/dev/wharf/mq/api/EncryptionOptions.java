package dev.wharf.mq.api;

import org.jspecify.annotations.Nullable;

/** Part of Amazon MQ's EncryptionOptions shape, as the model names its members. */
public record EncryptionOptions(
        @Nullable String kmsKeyId, @Nullable Boolean useAwsOwnedKey) {}
