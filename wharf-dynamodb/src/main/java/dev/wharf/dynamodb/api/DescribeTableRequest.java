package dev.wharf.dynamodb.api;

import org.jspecify.annotations.Nullable;

/** The input of DescribeTable. */
public record DescribeTableRequest(@Nullable String tableName) {}
