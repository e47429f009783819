package dev.wharf.firehose.api;

import org.jspecify.annotations.Nullable;

/** Part of Firehose's AmazonopensearchserviceRetryOptions shape, as the model names its members. */
public record AmazonopensearchserviceRetryOptions(@Nullable Integer durationInSeconds) {}
