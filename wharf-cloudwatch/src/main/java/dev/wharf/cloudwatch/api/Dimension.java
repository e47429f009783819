package dev.wharf.cloudwatch.api;

import org.jspecify.annotations.Nullable;

/** Part of CloudWatch's Dimension shape, as the model names its members. */
public record Dimension(@Nullable String name, @Nullable String value) {}
