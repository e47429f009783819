package dev.wharf.kinesis.api;

import org.jspecify.annotations.Nullable;

/** Part of Kinesis's StreamModeDetails shape, as the model names its members. */
public record StreamModeDetails(@Nullable String streamMode) {}
