package dev.wharf.firehose.api;

import org.jspecify.annotations.Nullable;

/** Part of Firehose's DatabaseSourceVPCConfiguration shape, as the model names its members. */
public record DatabaseSourceVPCConfiguration(@Nullable String vpcEndpointServiceName) {}
