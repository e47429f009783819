package dev.wharf.mq.api;

import org.jspecify.annotations.Nullable;

/** The input of Amazon MQ's ListConfigurations operation, as the model names its members. */
public record ListConfigurationsRequest(
        @Nullable Integer maxResults, @Nullable String nextToken) {}
