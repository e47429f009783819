package dev.wharf.dynamodb.api;

import org.jspecify.annotations.Nullable;

/** Part of DynamoDB's TransactGetItem shape, as the model names its members. */
public record TransactGetItem(@Nullable Get get) {}
