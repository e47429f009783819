package dev.wharf.mq.api;

import org.jspecify.annotations.Nullable;

/** The input of Amazon MQ's Promote operation, as the model names its members. */
public record PromoteRequest(
        @Nullable String brokerId, @Nullable String mode) {}
