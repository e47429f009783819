package dev.wharf.mq.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The output of Amazon MQ's ListConfigurationRevisions operation, as the model names its members. */
public record ListConfigurationRevisionsResponse(
        @Nullable String configurationId,
        @Nullable Integer maxResults,
        @Nullable String nextToken,
        @Nullable List<ConfigurationRevision> revisions) {}
