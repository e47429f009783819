package dev.wharf.firehose.api;

import org.jspecify.annotations.Nullable;

/** Part of Firehose's SnowflakeRoleConfiguration shape, as the model names its members. */
public record SnowflakeRoleConfiguration(
        @Nullable Boolean enabled, @Nullable String snowflakeRole) {}
