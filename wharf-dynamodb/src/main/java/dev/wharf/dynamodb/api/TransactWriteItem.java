package dev.wharf.dynamodb.api;

import org.jspecify.annotations.Nullable;

/** Part of DynamoDB's TransactWriteItem shape, as the model names its members. */
public record TransactWriteItem(
        @Nullable ConditionCheck conditionCheck,
        @Nullable Put put,
        @Nullable Delete delete,
        @Nullable Update update) {}
