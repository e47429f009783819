package dev.wharf.dynamodb.api;

/** The output of UntagResource. */
public record UntagResourceResponse() {}
