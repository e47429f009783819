package dev.wharf.dynamodb.api;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Part of DynamoDB's Put shape, as the model names its members. */
public record Put(
        @Nullable Map<String, AttributeValue> item,
        @Nullable String tableName,
        @Nullable String conditionExpression,
        @Nullable Map<String, String> expressionAttributeNames,
        @Nullable Map<String, AttributeValue> expressionAttributeValues,
        @Nullable String returnValuesOnConditionCheckFailure) {}
