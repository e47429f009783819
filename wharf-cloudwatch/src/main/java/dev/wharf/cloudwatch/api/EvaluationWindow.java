package dev.wharf.cloudwatch.api;

import org.jspecify.annotations.Nullable;

/** Part of CloudWatch's EvaluationWindow shape, as the model names its members. */
public record EvaluationWindow(
        @Nullable WallClockWindow wallClockWindow, @Nullable SlidingWindow slidingWindow) {}
