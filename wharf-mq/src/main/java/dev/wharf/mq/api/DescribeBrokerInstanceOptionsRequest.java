package dev.wharf.mq.api;

import org.jspecify.annotations.Nullable;

/** The input of Amazon MQ's DescribeBrokerInstanceOptions operation, as the model names its members. */
public record DescribeBrokerInstanceOptionsRequest(
        @Nullable String engineType,
        @Nullable String hostInstanceType,
        @Nullable Integer maxResults,
        @Nullable String nextToken,
        @Nullable String storageType) {}
