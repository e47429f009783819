package dev.wharf.firehose.api;

/** The output of StartDeliveryStreamEncryption. */
public record StartDeliveryStreamEncryptionResponse() {}
