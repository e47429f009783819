package dev.wharf.dynamodb.api;

import org.jspecify.annotations.Nullable;

/** Part of DynamoDB's Endpoint shape, as the model names its members. */
public record Endpoint(@Nullable String address, @Nullable Long cachePeriodInMinutes) {}
