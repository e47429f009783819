package dev.wharf.cloudwatch.api;

import org.jspecify.annotations.Nullable;

/** Part of CloudWatch's MessageData shape, as the model names its members. */
public record MessageData(@Nullable String code, @Nullable String value) {}
