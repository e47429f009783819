package dev.wharf.firehose.api;

import org.jspecify.annotations.Nullable;

/** Part of Firehose's SchemaConfiguration shape, as the model names its members. */
public record SchemaConfiguration(
        @Nullable String roleARN,
        @Nullable String catalogId,
        @Nullable String databaseName,
        @Nullable String tableName,
        @Nullable String region,
        @Nullable String versionId) {}
