package dev.wharf.firehose.api;

import org.jspecify.annotations.Nullable;

/** Part of Firehose's SplunkRetryOptions shape, as the model names its members. */
public record SplunkRetryOptions(@Nullable Integer durationInSeconds) {}
