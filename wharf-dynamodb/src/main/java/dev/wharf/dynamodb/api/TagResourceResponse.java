package dev.wharf.dynamodb.api;

/** The output of TagResource. */
public record TagResourceResponse() {}
