package dev.wharf.dynamodb.api;

import org.jspecify.annotations.Nullable;

/** Part of DynamoDB's VectorCapacity shape, as the model names its members. */
public record VectorCapacity(
        @Nullable Double vectorSearchRequestBytes, @Nullable Double vectorWriteRequestBytes) {}
