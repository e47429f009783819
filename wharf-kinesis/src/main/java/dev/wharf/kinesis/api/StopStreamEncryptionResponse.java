package dev.wharf.kinesis.api;

/** The output of StopStreamEncryption. */
public record StopStreamEncryptionResponse() {}
