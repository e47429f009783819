package dev.wharf.firehose.api;

import org.jspecify.annotations.Nullable;

/** Part of Firehose's HttpEndpointConfiguration shape, as the model names its members. */
public record HttpEndpointConfiguration(
        @Nullable String url,
        @Nullable String name,
        @Nullable String accessKey) {}
