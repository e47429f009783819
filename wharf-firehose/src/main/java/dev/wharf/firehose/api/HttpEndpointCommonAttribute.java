package dev.wharf.firehose.api;

import org.jspecify.annotations.Nullable;

/** Part of Firehose's HttpEndpointCommonAttribute shape, as the model names its members. */
public record HttpEndpointCommonAttribute(
        @Nullable String attributeName, @Nullable String attributeValue) {}
