package dev.wharf.mq.api;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Part of Amazon MQ's ConfigurationRevision shape, as the model names its members. */
public record ConfigurationRevision(
        @Nullable Instant created,
        @Nullable String description,
        @Nullable Integer revision) {}
