package dev.wharf.dynamodb.api;

import org.jspecify.annotations.Nullable;

/** Part of DynamoDB's TableWarmThroughputDescription shape, as the model names its members. */
public record TableWarmThroughputDescription(
        @Nullable Long readUnitsPerSecond,
        @Nullable Long writeUnitsPerSecond,
        @Nullable String status) {}
