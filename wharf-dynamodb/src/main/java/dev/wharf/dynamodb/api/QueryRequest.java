package dev.wharf.dynamodb.api;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The input of Query. */
public record QueryRequest(
        @Nullable String tableName,
        @Nullable String indexName,
        @Nullable String select,
        @Nullable List<String> attributesToGet,
        @Nullable Integer limit,
        @Nullable Boolean consistentRead,
        @Nullable Map<String, Condition> keyConditions,
        @Nullable Map<String, Condition> queryFilter,
        @Nullable String conditionalOperator,
        @Nullable Boolean scanIndexForward,
        @Nullable Map<String, AttributeValue> exclusiveStartKey,
        @Nullable String returnConsumedCapacity,
        @Nullable String projectionExpression,
        @Nullable String filterExpression,
        @Nullable String keyConditionExpression,
        @Nullable Map<String, String> expressionAttributeNames,
        @Nullable Map<String, AttributeValue> expressionAttributeValues) {}
