package dev.wharf.dynamodb.api;

import org.jspecify.annotations.Nullable;

/** Part of DynamoDB's KeySchemaElement shape, as the model names its members. */
public record KeySchemaElement(
        @Nullable String attributeName, @Nullable String keyType) {}
