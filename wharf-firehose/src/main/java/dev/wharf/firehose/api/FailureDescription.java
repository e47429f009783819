package dev.wharf.firehose.api;

import org.jspecify.annotations.Nullable;

/** Part of Firehose's FailureDescription shape, as the model names its members. */
public record FailureDescription(
        @Nullable String type, @Nullable String details) {}
