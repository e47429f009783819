package dev.wharf.dynamodb.api;

import org.jspecify.annotations.Nullable;

/** Part of DynamoDB's VectorAttributeDefinition shape, as the model names its members. */
public record VectorAttributeDefinition(@Nullable String attributeName) {}
