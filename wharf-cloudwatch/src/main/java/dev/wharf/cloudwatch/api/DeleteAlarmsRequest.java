package dev.wharf.cloudwatch.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The input of DeleteAlarms. */
public record DeleteAlarmsRequest(@Nullable List<String> alarmNames) {}
