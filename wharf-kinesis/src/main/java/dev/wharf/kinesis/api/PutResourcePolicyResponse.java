package dev.wharf.kinesis.api;

/** The output of PutResourcePolicy. */
public record PutResourcePolicyResponse() {}
