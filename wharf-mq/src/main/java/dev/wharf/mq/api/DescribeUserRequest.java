package dev.wharf.mq.api;

import org.jspecify.annotations.Nullable;

/** The input of Amazon MQ's DescribeUser operation, as the model names its members. */
public record DescribeUserRequest(
        @Nullable String brokerId, @Nullable String username) {}
