package dev.wharf.kinesis.api;

import org.jspecify.annotations.Nullable;

/** Part of Kinesis's Tag shape, as the model names its members. */
public record Tag(@Nullable String key, @Nullable String value) {}
