package dev.wharf.dynamodb.api;

import org.jspecify.annotations.Nullable;

/** Part of DynamoDB's SearchSchemaElement shape, as the model names its members. */
public record SearchSchemaElement(
        @Nullable String attributeName, @Nullable String searchSchemaElementType) {}
