package dev.wharf.mq.api;

import org.jspecify.annotations.Nullable;

/** Part of Amazon MQ's ActionRequired shape, as the model names its members. */
public record ActionRequired(
        @Nullable String actionRequiredCode, @Nullable String actionRequiredInfo) {}
