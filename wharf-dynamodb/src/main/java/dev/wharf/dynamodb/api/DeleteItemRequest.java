package dev.wharf.dynamodb.api;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The input of DeleteItem. */
public record DeleteItemRequest(
        @Nullable String tableName,
        @Nullable Map<String, AttributeValue> key,
        @Nullable Map<String, ExpectedAttributeValue> expected,
        @Nullable String conditionalOperator,
        @Nullable String returnValues,
        @Nullable String returnConsumedCapacity,
        @Nullable String returnItemCollectionMetrics,
        @Nullable String conditionExpression,
        @Nullable Map<String, String> expressionAttributeNames,
        @Nullable Map<String, AttributeValue> expressionAttributeValues,
        @Nullable String returnValuesOnConditionCheckFailure) {}
