package dev.wharf.cloudwatch.api;

import org.jspecify.annotations.Nullable;

/** Part of CloudWatch's DimensionFilter shape, as the model names its members. */
public record DimensionFilter(
        @Nullable String name, @Nullable String value) {}
