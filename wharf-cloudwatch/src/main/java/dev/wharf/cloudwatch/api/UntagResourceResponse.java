package dev.wharf.cloudwatch.api;

/** The output of UntagResource. */
public record UntagResourceResponse() {}
