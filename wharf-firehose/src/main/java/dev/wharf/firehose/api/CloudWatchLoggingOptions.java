package dev.wharf.firehose.api;

import org.jspecify.annotations.Nullable;

/** Part of Firehose's CloudWatchLoggingOptions shape, as the model names its members. */
public record CloudWatchLoggingOptions(
        @Nullable Boolean enabled,
        @Nullable String logGroupName,
        @Nullable String logStreamName) {}
