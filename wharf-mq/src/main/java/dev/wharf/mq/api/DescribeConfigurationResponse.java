package dev.wharf.mq.api;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The output of Amazon MQ's DescribeConfiguration operation, as the model names its members. */
public record DescribeConfigurationResponse(
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
