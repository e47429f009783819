package dev.wharf.dynamodb.api;

import org.jspecify.annotations.Nullable;

/** The output of DeleteTable. */
public record DeleteTableResponse(@Nullable TableDescription tableDescription) {}
