package dev.wharf.firehose.api;

import org.jspecify.annotations.Nullable;

/** Part of Firehose's SnowflakeVpcConfiguration shape, as the model names its members. */
public record SnowflakeVpcConfiguration(@Nullable String privateLinkVpceId) {}
