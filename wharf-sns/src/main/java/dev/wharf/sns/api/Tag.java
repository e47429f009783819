package dev.wharf.sns.api;

import org.jspecify.annotations.Nullable;

/** Part of SNS's Tag shape, as the model names its members. */
public record Tag(@Nullable String key, @Nullable String value) {}
