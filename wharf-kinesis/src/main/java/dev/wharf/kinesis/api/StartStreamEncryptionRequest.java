package dev.wharf.kinesis.api;

import org.jspecify.annotations.Nullable;

/** The input of StartStreamEncryption. */
public record StartStreamEncryptionRequest(
        @Nullable String streamName,
        @Nullable String encryptionType,
        @Nullable String keyId,
        @Nullable String streamARN,
        @Nullable String streamId) {}
