package dev.wharf.dynamodb.api;

import org.jspecify.annotations.Nullable;

/** The output of UpdateTable. */
public record UpdateTableResponse(@Nullable TableDescription tableDescription) {}
