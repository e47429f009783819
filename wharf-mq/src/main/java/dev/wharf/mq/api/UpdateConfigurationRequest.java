package dev.wharf.mq.api;

import org.jspecify.annotations.Nullable;

/** The input of Amazon MQ's UpdateConfiguration operation, as the model names its members. */
public record UpdateConfigurationRequest(
        @Nullable String configurationId,
        @Nullable String data,
        @Nullable String description) {}
