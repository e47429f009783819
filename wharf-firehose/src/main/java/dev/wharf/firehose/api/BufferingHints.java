package dev.wharf.firehose.api;

import org.jspecify.annotations.Nullable;

/** Part of Firehose's BufferingHints shape, as the model names its members. */
public record BufferingHints(
        @Nullable Integer sizeInMBs, @Nullable Integer intervalInSeconds) {}
