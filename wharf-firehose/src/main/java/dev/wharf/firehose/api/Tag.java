package dev.wharf.firehose.api;

import org.jspecify.annotations.Nullable;

/** Part of Firehose's Tag shape, as the model names its members. */
public record Tag(@Nullable String key, @Nullable String value) {}
