package dev.wharf.dynamodb.api;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Part of DynamoDB's ConditionCheck shape, as the model names its members. */
public record ConditionCheck(
        @Nullable Map<String, AttributeValue> key,
        @Nullable String tableName,
        @Nullable String conditionExpression,
        @Nullable Map<String, String> expressionAttributeNames,
        @Nullable Map<String, AttributeValue> expressionAttributeValues,
        @Nullable String returnValuesOnConditionCheckFailure) {}
