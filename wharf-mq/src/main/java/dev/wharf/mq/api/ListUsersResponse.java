package dev.wharf.mq.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The output of Amazon MQ's ListUsers operation, as the model names its members. */
public record ListUsersResponse(
        @Nullable String brokerId,
        @Nullable Integer maxResults,
        @Nullable String nextToken,
        @Nullable List<UserSummary> users) {}
