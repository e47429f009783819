package dev.wharf.firehose.api;

import org.jspecify.annotations.Nullable;

/** Part of Firehose's ElasticsearchRetryOptions shape, as the model names its members. */
public record ElasticsearchRetryOptions(@Nullable Integer durationInSeconds) {}
