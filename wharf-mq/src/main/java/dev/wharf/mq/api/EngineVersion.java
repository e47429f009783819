package dev.wharf.mq.api;

import org.jspecify.annotations.Nullable;

/** Part of Amazon MQ's EngineVersion shape, as the model names its members. */
public record EngineVersion(@Nullable String name) {}
