package dev.wharf.dynamodb.api;

import org.jspecify.annotations.Nullable;

/** Part of DynamoDB's Capacity shape, as the model names its members. */
public record Capacity(
        @Nullable Double readCapacityUnits,
        @Nullable Double writeCapacityUnits,
        @Nullable Double capacityUnits) {}
