package dev.wharf.mq.api;

import org.jspecify.annotations.Nullable;

/** The input of Amazon MQ's ListConfigurationRevisions operation, as the model names its members. */
public record ListConfigurationRevisionsRequest(
        @Nullable String configurationId,
        @Nullable Integer maxResults,
        @Nullable String nextToken) {}
