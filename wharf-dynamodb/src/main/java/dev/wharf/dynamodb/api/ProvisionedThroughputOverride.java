package dev.wharf.dynamodb.api;

import org.jspecify.annotations.Nullable;

/** Part of DynamoDB's ProvisionedThroughputOverride shape, as the model names its members. */
public record ProvisionedThroughputOverride(@Nullable Long readCapacityUnits) {}
