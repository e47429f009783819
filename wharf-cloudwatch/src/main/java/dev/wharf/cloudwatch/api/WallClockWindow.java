package dev.wharf.cloudwatch.api;

import org.jspecify.annotations.Nullable;

/** Part of CloudWatch's WallClockWindow shape, as the model names its members. */
public record WallClockWindow(@Nullable String timezone) {}
