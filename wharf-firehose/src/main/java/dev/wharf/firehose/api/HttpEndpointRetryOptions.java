package dev.wharf.firehose.api;

import org.jspecify.annotations.Nullable;

/** Part of Firehose's HttpEndpointRetryOptions shape, as the model names its members. */
public record HttpEndpointRetryOptions(@Nullable Integer durationInSeconds) {}
