package dev.wharf.dynamodb.api;

import org.jspecify.annotations.Nullable;

/** Part of DynamoDB's DeleteGlobalSecondaryIndexAction shape, as the model names its members. */
public record DeleteGlobalSecondaryIndexAction(@Nullable String indexName) {}
