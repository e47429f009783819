package dev.wharf.mq.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** Part of Amazon MQ's UserPendingChanges shape, as the model names its members. */
public record UserPendingChanges(
        @Nullable Boolean consoleAccess,
        @Nullable List<String> groups,
        @Nullable String pendingChange) {}
