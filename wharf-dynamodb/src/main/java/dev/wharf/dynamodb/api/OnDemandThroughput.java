package dev.wharf.dynamodb.api;

import org.jspecify.annotations.Nullable;

/** Part of DynamoDB's OnDemandThroughput shape, as the model names its members. */
public record OnDemandThroughput(
        @Nullable Long maxReadRequestUnits, @Nullable Long maxWriteRequestUnits) {}
