package dev.wharf.firehose.api;

import org.jspecify.annotations.Nullable;

/** The input of StopDeliveryStreamEncryption. */
public record StopDeliveryStreamEncryptionRequest(@Nullable String deliveryStreamName) {}
