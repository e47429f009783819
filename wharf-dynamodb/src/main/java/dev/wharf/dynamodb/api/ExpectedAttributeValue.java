package dev.wharf.dynamodb.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** Part of DynamoDB's ExpectedAttributeValue shape, as the model names its members. */
public record ExpectedAttributeValue(
        @Nullable AttributeValue value,
        @Nullable Boolean exists,
        @Nullable String comparisonOperator,
        @Nullable List<AttributeValue> attributeValueList) {}
