package dev.wharf.dynamodb.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The output of ListTables. */
public record ListTablesResponse(
        @Nullable List<String> tableNames, @Nullable String lastEvaluatedTableName) {}
