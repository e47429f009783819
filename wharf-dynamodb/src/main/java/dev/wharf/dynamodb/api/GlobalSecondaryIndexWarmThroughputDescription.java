package dev.wharf.dynamodb.api;

import org.jspecify.annotations.Nullable;

/** Part of DynamoDB's GlobalSecondaryIndexWarmThroughputDescription shape, as the model names its members. */
public record GlobalSecondaryIndexWarmThroughputDescription(
        @Nullable Long readUnitsPerSecond,
        @Nullable Long writeUnitsPerSecond,
        @Nullable String status) {}
