package dev.wharf.dynamodb.api;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Part of DynamoDB's KeysAndAttributes shape, as the model names its members. */
public record KeysAndAttributes(
        @Nullable List<Map<String, AttributeValue>> keys,
        @Nullable List<String> attributesToGet,
        @Nullable Boolean consistentRead,
        @Nullable String projectionExpression,
        @Nullable Map<String, String> expressionAttributeNames) {}
