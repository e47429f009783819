package dev.wharf.cloudwatch.api;

/** The output of DeleteAlarms. */
public record DeleteAlarmsResponse() {}
