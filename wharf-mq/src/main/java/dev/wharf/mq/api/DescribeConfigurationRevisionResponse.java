package dev.wharf.mq.api;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** The output of Amazon MQ's DescribeConfigurationRevision operation, as the model names its members. */
public record DescribeConfigurationRevisionResponse(
        @Nullable String configurationId,
        @Nullable Instant created,
        @Nullable String data,
        @Nullable String description) {}
