package dev.wharf.cloudwatch.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The input of DisableAlarmActions. */
public record DisableAlarmActionsRequest(@Nullable List<String> alarmNames) {}
