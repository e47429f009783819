package dev.wharf.dynamodb.api;

import org.jspecify.annotations.Nullable;

/** The output of CreateTable. */
public record CreateTableResponse(@Nullable TableDescription tableDescription) {}
