package dev.wharf.mq.api;

import org.jspecify.annotations.Nullable;

/** The output of Amazon MQ's DeleteConfiguration operation, as the model names its members. */
public record DeleteConfigurationResponse(@Nullable String configurationId) {}
