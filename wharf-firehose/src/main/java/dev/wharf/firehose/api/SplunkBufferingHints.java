package dev.wharf.firehose.api;

import org.jspecify.annotations.Nullable;

/** Part of Firehose's SplunkBufferingHints shape, as the model names its members. */
public record SplunkBufferingHints(
        @Nullable Integer intervalInSeconds, @Nullable Integer sizeInMBs) {}
