package dev.wharf.dynamodb.api;

import org.jspecify.annotations.Nullable;

/** Part of DynamoDB's VectorIndexUpdate shape, as the model names its members. */
public record VectorIndexUpdate(
        @Nullable CreateVectorIndexAction create, @Nullable DeleteVectorIndexAction delete) {}
