package dev.wharf.kinesis.api;

/** The input of DescribeLimits. */
public record DescribeLimitsRequest() {}
