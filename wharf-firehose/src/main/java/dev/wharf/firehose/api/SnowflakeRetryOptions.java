package dev.wharf.firehose.api;

import org.jspecify.annotations.Nullable;

/** Part of Firehose's SnowflakeRetryOptions shape, as the model names its members. */
public record SnowflakeRetryOptions(@Nullable Integer durationInSeconds) {}
