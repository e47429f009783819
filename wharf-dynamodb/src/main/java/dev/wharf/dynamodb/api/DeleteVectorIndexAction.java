package dev.wharf.dynamodb.api;

import org.jspecify.annotations.Nullable;

/** Part of DynamoDB's DeleteVectorIndexAction shape, as the model names its members. */
public record DeleteVectorIndexAction(@Nullable String indexName) {}
