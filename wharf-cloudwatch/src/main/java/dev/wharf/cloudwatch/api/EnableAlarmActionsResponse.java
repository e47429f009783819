package dev.wharf.cloudwatch.api;

/** The output of EnableAlarmActions. */
public record EnableAlarmActionsResponse() {}
