package dev.wharf.dynamodb.api;

import org.jspecify.annotations.Nullable;

/** Part of DynamoDB's OnDemandThroughputOverride shape, as the model names its members. */
public record OnDemandThroughputOverride(@Nullable Long maxReadRequestUnits) {}
