package dev.wharf.kinesis.api;

/** The output of DecreaseStreamRetentionPeriod. */
public record DecreaseStreamRetentionPeriodResponse() {}
