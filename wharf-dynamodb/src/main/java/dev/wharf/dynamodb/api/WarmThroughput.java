package dev.wharf.dynamodb.api;

import org.jspecify.annotations.Nullable;

/** Part of DynamoDB's WarmThroughput shape, as the model names its members. */
public record WarmThroughput(
        @Nullable Long readUnitsPerSecond, @Nullable Long writeUnitsPerSecond) {}
