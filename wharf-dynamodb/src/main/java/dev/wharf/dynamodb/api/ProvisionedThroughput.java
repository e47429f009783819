package dev.wharf.dynamodb.api;

import org.jspecify.annotations.Nullable;

/** Part of DynamoDB's ProvisionedThroughput shape, as the model names its members. */
public record ProvisionedThroughput(
        @Nullable Long readCapacityUnits, @Nullable Long writeCapacityUnits) {}
