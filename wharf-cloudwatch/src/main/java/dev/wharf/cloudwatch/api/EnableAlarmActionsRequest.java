package dev.wharf.cloudwatch.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The input of EnableAlarmActions. */
public record EnableAlarmActionsRequest(@Nullable List<String> alarmNames) {}
