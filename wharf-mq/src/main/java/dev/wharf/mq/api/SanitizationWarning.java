package dev.wharf.mq.api;

import org.jspecify.annotations.Nullable;

/** Part of Amazon MQ's SanitizationWarning shape, as the model names its members. */
public record SanitizationWarning(
        @Nullable String attributeName,
        @Nullable String elementName,
        @Nullable String reason) {}
