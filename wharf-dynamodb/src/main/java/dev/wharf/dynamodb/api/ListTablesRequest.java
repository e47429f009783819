package dev.wharf.dynamodb.api;

import org.jspecify.annotations.Nullable;

/** The input of ListTables. */
public record ListTablesRequest(
        @Nullable String exclusiveStartTableName, @Nullable Integer limit) {}
