package dev.wharf.mq.api;

import org.jspecify.annotations.Nullable;

/** The input of Amazon MQ's DeleteConfiguration operation, as the model names its members. */
public record DeleteConfigurationRequest(@Nullable String configurationId) {}
