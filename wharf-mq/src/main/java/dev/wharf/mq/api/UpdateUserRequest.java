package dev.wharf.mq.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The input of Amazon MQ's UpdateUser operation, as the model names its members. */
public record UpdateUserRequest(
        @Nullable String brokerId,
        @Nullable Boolean consoleAccess,
        @Nullable List<String> groups,
        @Nullable String password,
        @Nullable String username,
        @Nullable Boolean replicationUser) {}
