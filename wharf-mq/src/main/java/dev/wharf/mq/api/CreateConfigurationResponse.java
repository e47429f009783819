package dev.wharf.mq.api;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** The output of Amazon MQ's CreateConfiguration operation, as the model names its members. */
public record CreateConfigurationResponse(
        @Nullable String arn,
        @Nullable String authenticationStrategy,
        @Nullable Instant created,
        @Nullable String id,
        @Nullable ConfigurationRevision latestRevision,
        @Nullable String name) {}
