package dev.wharf.cloudwatch.api;

import org.jspecify.annotations.Nullable;

/** Part of CloudWatch's ScheduleConfiguration shape, as the model names its members. */
public record ScheduleConfiguration(
        @Nullable String scheduleExpression,
        @Nullable Long startTimeOffset,
        @Nullable Long endTimeOffset) {}
