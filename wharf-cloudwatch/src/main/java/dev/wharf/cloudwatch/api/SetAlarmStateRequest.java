package dev.wharf.cloudwatch.api;

import org.jspecify.annotations.Nullable;

/** The input of SetAlarmState. */
public record SetAlarmStateRequest(
        @Nullable String alarmName,
        @Nullable String stateValue,
        @Nullable String stateReason,
        @Nullable String stateReasonData) {}
