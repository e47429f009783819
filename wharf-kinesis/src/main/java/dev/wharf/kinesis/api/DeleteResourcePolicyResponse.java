package dev.wharf.kinesis.api;

/** The output of DeleteResourcePolicy. */
public record DeleteResourcePolicyResponse() {}
