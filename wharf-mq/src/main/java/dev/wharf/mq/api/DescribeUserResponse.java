package dev.wharf.mq.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The output of Amazon MQ's DescribeUser operation, as the model names its members. */
public record DescribeUserResponse(
        @Nullable String brokerId,
        @Nullable Boolean consoleAccess,
        @Nullable List<String> groups,
        @Nullable UserPendingChanges pending,
        @Nullable String username,
        @Nullable Boolean replicationUser) {}
