package dev.wharf.dynamodb.api;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The input of Scan. */
public record ScanRequest(
        @Nullable String tableName,
        @Nullable String indexName,
        @Nullable List<String> attributesToGet,
        @Nullable Integer limit,
        @Nullable String select,
        @Nullable Map<String, Condition> scanFilter,
        @Nullable String conditionalOperator,
        @Nullable Map<String, AttributeValue> exclusiveStartKey,
        @Nullable String returnConsumedCapacity,
        @Nullable Integer totalSegments,
        @Nullable Integer segment,
        @Nullable String projectionExpression,
        @Nullable String filterExpression,
        @Nullable Map<String, String> expressionAttributeNames,
        @Nullable Map<String, AttributeValue> expressionAttributeValues,
        @Nullable Boolean consistentRead) {}
