package dev.wharf.firehose.api;

/** The output of StopDeliveryStreamEncryption. */
public record StopDeliveryStreamEncryptionResponse() {}
