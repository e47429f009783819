package dev.wharf.mq.api;

import org.jspecify.annotations.Nullable;

/** The input of Amazon MQ's DescribeConfiguration operation, as the model names its members. */
public record DescribeConfigurationRequest(@Nullable String configurationId) {}
