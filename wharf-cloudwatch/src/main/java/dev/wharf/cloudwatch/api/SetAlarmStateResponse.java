package dev.wharf.cloudwatch.api;

/** The output of SetAlarmState. */
public record SetAlarmStateResponse() {}
