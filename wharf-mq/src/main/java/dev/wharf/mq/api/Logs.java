package dev.wharf.mq.api;

import org.jspecify.annotations.Nullable;

/** Part of Amazon MQ's Logs shape, as the model names its members. */
public record Logs(@Nullable Boolean audit, @Nullable Boolean general) {}
