package dev.wharf.cloudwatch.api;

/** The output of TagResource. */
public record TagResourceResponse() {}
