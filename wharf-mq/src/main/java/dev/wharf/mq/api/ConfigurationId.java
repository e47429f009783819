package dev.wharf.mq.api;

import org.jspecify.annotations.Nullable;

/** Part of Amazon MQ's ConfigurationId shape, as the model names its members. */
public record ConfigurationId(@Nullable String id, @Nullable Integer revision) {}
