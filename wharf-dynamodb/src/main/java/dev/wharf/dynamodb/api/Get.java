package dev.wharf.dynamodb.api;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Part of DynamoDB's Get shape, as the model names its members. */
public record Get(
        @Nullable Map<String, AttributeValue> key,
        @Nullable String tableName,
        @Nullable String projectionExpression,
        @Nullable Map<String, String> expressionAttributeNames) {}
