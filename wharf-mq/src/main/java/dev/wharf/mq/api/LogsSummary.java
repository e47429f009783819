package dev.wharf.mq.api;

import org.jspecify.annotations.Nullable;

/** Part of Amazon MQ's LogsSummary shape, as the model names its members. */
public record LogsSummary(
        @Nullable Boolean audit,
        @Nullable String auditLogGroup,
        @Nullable Boolean general,
        @Nullable String generalLogGroup,
        @Nullable PendingLogs pending) {}
