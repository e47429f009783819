package dev.wharf.cloudwatch.api;

/** The output of PutCompositeAlarm. */
public record PutCompositeAlarmResponse() {}
