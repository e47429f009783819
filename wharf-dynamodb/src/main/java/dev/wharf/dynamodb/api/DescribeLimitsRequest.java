package dev.wharf.dynamodb.api;

/** The input of DescribeLimits. */
public record DescribeLimitsRequest() {}
