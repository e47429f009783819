package dev.wharf.mq.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The output of Amazon MQ's ListConfigurations operation, as the model names its members. */
public record ListConfigurationsResponse(
        @Nullable List<Configuration> configurations,
        @Nullable Integer maxResults,
        @Nullable String nextToken) {}
