package dev.wharf.mq.api;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Part of Amazon MQ's Configuration shape, as the model names its members. */
public record Configuration(
        @Nullable String arn,
        @Nullable String authenticationStrategy,
        @Nullable Instant created,
        @Nullable String description,
        @Nullable String engineType,
        @Nullable String engineVersion,
        @Nullable String id,
        @Nullable ConfigurationRevision latestRevision,
        @Nullable String name,
        @Nullable Map<String, String> tags) {}
