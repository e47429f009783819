package dev.wharf.mq.api;

import org.jspecify.annotations.Nullable;

/** The input of Amazon MQ's DescribeConfigurationRevision operation, as the model names its members. */
public record DescribeConfigurationRevisionRequest(
        @Nullable String configurationId, @Nullable String configurationRevision) {}
