package dev.wharf.firehose.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** Part of Firehose's HttpEndpointRequestConfiguration shape, as the model names its members. */
public record HttpEndpointRequestConfiguration(
        @Nullable String contentEncoding, @Nullable List<HttpEndpointCommonAttribute> commonAttributes) {}
