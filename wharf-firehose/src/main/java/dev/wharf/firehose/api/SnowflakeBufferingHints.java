package dev.wharf.firehose.api;

import org.jspecify.annotations.Nullable;

/** Part of Firehose's SnowflakeBufferingHints shape, as the model names its members. */
public record SnowflakeBufferingHints(
        @Nullable Integer sizeInMBs, @Nullable Integer intervalInSeconds) {}
