package dev.wharf.firehose.api;

import org.jspecify.annotations.Nullable;

/** Part of Firehose's RedshiftRetryOptions shape, as the model names its members. */
public record RedshiftRetryOptions(@Nullable Integer durationInSeconds) {}
