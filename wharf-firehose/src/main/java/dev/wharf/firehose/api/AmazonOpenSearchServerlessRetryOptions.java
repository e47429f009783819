package dev.wharf.firehose.api;

import org.jspecify.annotations.Nullable;

/** Part of Firehose's AmazonOpenSearchServerlessRetryOptions shape, as the model names its members. */
public record AmazonOpenSearchServerlessRetryOptions(
        @Nullable Integer durationInSeconds) {}
