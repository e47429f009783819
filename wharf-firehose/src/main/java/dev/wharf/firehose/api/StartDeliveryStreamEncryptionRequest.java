package dev.wharf.firehose.api;

import org.jspecify.annotations.Nullable;

/** The input of StartDeliveryStreamEncryption. */
public record StartDeliveryStreamEncryptionRequest(
        @Nullable String deliveryStreamName,
        @Nullable DeliveryStreamEncryptionConfigurationInput deliveryStreamEncryptionConfigurationInput) {}
