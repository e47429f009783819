package dev.wharf.firehose.api;

import org.jspecify.annotations.Nullable;

/** Part of Firehose's DeliveryStreamEncryptionConfigurationInput shape, as the model names its members. */
public record DeliveryStreamEncryptionConfigurationInput(
        @Nullable String keyARN, @Nullable String keyType) {}
