package dev.wharf.dynamodb.api;

import org.jspecify.annotations.Nullable;

/** Part of DynamoDB's AttributeDefinition shape, as the model names its members. */
public record AttributeDefinition(
        @Nullable String attributeName, @Nullable String attributeType) {}
