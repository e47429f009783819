package dev.wharf.mq.api;

import org.jspecify.annotations.Nullable;

/** The input of Amazon MQ's ListBrokers operation, as the model names its members. */
public record ListBrokersRequest(
        @Nullable Integer maxResults, @Nullable String nextToken) {}
