package dev.wharf.mq.api;

import org.jspecify.annotations.Nullable;

/** Part of Amazon MQ's WeeklyStartTime shape, as the model names its members. */
public record WeeklyStartTime(
        @Nullable String dayOfWeek,
        @Nullable String timeOfDay,
        @Nullable String timeZone) {}
