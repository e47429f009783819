package dev.wharf.mq.api;

import org.jspecify.annotations.Nullable;

/** The input of Amazon MQ's DeleteUser operation, as the model names its members. */
public record DeleteUserRequest(
        @Nullable String brokerId, @Nullable String username) {}
