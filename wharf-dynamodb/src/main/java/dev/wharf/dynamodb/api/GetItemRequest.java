package dev.wharf.dynamodb.api;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The input of GetItem. */
public record GetItemRequest(
        @Nullable String tableName,
        @Nullable Map<String, AttributeValue> key,
        @Nullable List<String> attributesToGet,
        @Nullable Boolean consistentRead,
        @Nullable String returnConsumedCapacity,
        @Nullable String projectionExpression,
        @Nullable Map<String, String> expressionAttributeNames) {}
