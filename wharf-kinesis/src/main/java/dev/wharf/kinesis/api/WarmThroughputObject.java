package dev.wharf.kinesis.api;

import org.jspecify.annotations.Nullable;

/** Part of Kinesis's WarmThroughputObject shape, as the model names its members. */
public record WarmThroughputObject(
        @Nullable Integer targetMiBps, @Nullable Integer currentMiBps) {}
