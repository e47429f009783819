package dev.wharf.dynamodb.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** Part of DynamoDB's Condition shape, as the model names its members. */
public record Condition(
        @Nullable List<AttributeValue> attributeValueList,
        @Nullable String comparisonOperator) {}
