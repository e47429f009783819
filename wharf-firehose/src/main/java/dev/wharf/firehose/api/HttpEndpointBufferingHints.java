package dev.wharf.firehose.api;

import org.jspecify.annotations.Nullable;

/** Part of Firehose's HttpEndpointBufferingHints shape, as the model names its members. */
public record HttpEndpointBufferingHints(
        @Nullable Integer sizeInMBs, @Nullable Integer intervalInSeconds) {}
