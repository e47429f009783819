package dev.wharf.cloudwatch.api;

import org.jspecify.annotations.Nullable;

/** Part of CloudWatch's Tag shape, as the model names its members. */
public record Tag(@Nullable String key, @Nullable String value) {}
