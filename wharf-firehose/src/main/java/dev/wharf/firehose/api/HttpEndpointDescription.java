package dev.wharf.firehose.api;

import org.jspecify.annotations.Nullable;

/** Part of Firehose's HttpEndpointDescription shape, as the model names its members. */
public record HttpEndpointDescription(
        @Nullable String url, @Nullable String name) {}
