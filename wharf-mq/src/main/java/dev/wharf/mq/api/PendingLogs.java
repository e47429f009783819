package dev.wharf.mq.api;

import org.jspecify.annotations.Nullable;

/** Part of Amazon MQ's PendingLogs shape, as the model names its members. */
public record PendingLogs(@Nullable Boolean audit, @Nullable Boolean general) {}
