package dev.wharf.mq.api;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The output of Amazon MQ's UpdateConfiguration operation, as the model names its members. */
public record UpdateConfigurationResponse(
        @Nullable String arn,
        @Nullable Instant created,
        @Nullable String id,
        @Nullable ConfigurationRevision latestRevision,
        @Nullable String name,
        @Nullable List<SanitizationWarning> warnings) {}
