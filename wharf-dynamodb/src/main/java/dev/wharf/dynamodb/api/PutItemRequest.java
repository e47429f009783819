package dev.wharf.dynamodb.api;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The input of PutItem. */
public record PutItemRequest(
        @Nullable String tableName,
        @Nullable Map<String, AttributeValue> item,
        @Nullable Map<String, ExpectedAttributeValue> expected,
        @Nullable String returnValues,
        @Nullable String returnConsumedCapacity,
        @Nullable String returnItemCollectionMetrics,
        @Nullable String conditionalOperator,
        @Nullable String conditionExpression,
        @Nullable Map<String, String> expressionAttributeNames,
        @Nullable Map<String, AttributeValue> expressionAttributeValues,
        @Nullable String returnValuesOnConditionCheckFailure) {}
