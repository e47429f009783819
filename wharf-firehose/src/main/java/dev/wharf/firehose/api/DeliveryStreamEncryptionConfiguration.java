package dev.wharf.firehose.api;

import org.jspecify.annotations.Nullable;

/** Part of Firehose's DeliveryStreamEncryptionConfiguration shape, as the model names its members. */
public record DeliveryStreamEncryptionConfiguration(
        @Nullable String keyARN,
        @Nullable String keyType,
        @Nullable String status,
        @Nullable FailureDescription failureDescription) {}
