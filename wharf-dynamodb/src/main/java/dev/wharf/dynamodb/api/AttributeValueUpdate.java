package dev.wharf.dynamodb.api;

import org.jspecify.annotations.Nullable;

/** Part of DynamoDB's AttributeValueUpdate shape, as the model names its members. */
public record AttributeValueUpdate(
        @Nullable AttributeValue value, @Nullable String action) {}
