package dev.wharf.cloudwatch.api;

/** The output of PutMetricData. */
public record PutMetricDataResponse() {}
