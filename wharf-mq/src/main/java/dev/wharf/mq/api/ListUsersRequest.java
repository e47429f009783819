package dev.wharf.mq.api;

import org.jspecify.annotations.Nullable;

/** The input of Amazon MQ's ListUsers operation, as the model names its members. */
public record ListUsersRequest(
        @Nullable String brokerId,
        @Nullable Integer maxResults,
        @Nullable String nextToken) {}
