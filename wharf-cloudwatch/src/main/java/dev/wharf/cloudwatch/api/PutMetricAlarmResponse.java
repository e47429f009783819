package dev.wharf.cloudwatch.api;

/** The output of PutMetricAlarm. */
public record PutMetricAlarmResponse() {}
