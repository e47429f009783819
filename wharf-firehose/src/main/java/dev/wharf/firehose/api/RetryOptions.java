package dev.wharf.firehose.api;

import org.jspecify.annotations.Nullable;

/** Part of Firehose's RetryOptions shape, as the model names its members. */
public record RetryOptions(@Nullable Integer durationInSeconds) {}
