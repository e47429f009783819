package dev.wharf.kinesis.api;

/** The output of TagResource. */
public record TagResourceResponse() {}
