package dev.wharf.dynamodb.api;

import org.jspecify.annotations.Nullable;

/** Part of DynamoDB's Tag shape, as the model names its members. */
public record Tag(@Nullable String key, @Nullable String value) {}
