package dev.wharf.kinesis.api;

/** The output of UntagResource. */
public record UntagResourceResponse() {}
