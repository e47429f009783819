package dev.wharf.cloudwatch.api;

/** The output of DisableAlarmActions. */
public record DisableAlarmActionsResponse() {}
