package dev.wharf.kinesis.api;

/** The output of StartStreamEncryption. */
public record StartStreamEncryptionResponse() {}
