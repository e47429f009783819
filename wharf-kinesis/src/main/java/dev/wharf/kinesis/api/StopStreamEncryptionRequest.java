package dev.wharf.kinesis.api;

import org.jspecify.annotations.Nullable;

/** The input of StopStreamEncryption. */
public record StopStreamEncryptionRequest(
        @Nullable String streamName,
        @Nullable String encryptionType,
        @Nullable String keyId,
        @Nullable String streamARN,
        @Nullable String streamId) {}
