package dev.wharf.kinesis.api;

/** The output of IncreaseStreamRetentionPeriod. */
public record IncreaseStreamRetentionPeriodResponse() {}
