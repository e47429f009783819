package dev.wharf.mq.api;

import org.jspecify.annotations.Nullable;

/** The input of Amazon MQ's DescribeBrokerEngineTypes operation, as the model names its members. */
public record DescribeBrokerEngineTypesRequest(
        @Nullable String engineType,
        @Nullable Integer maxResults,
        @Nullable String nextToken) {}
