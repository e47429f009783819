package dev.wharf.dynamodb.api;

import org.jspecify.annotations.Nullable;

/** The input of DeleteTable. */
public record DeleteTableRequest(@Nullable String tableName) {}
