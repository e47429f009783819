package dev.wharf.mq.api;

import org.jspecify.annotations.Nullable;

/** Part of Amazon MQ's UserSummary shape, as the model names its members. */
public record UserSummary(
        @Nullable String pendingChange, @Nullable String username) {}
