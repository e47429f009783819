package dev.wharf.mq.api;

import org.jspecify.annotations.Nullable;

/** The output of Amazon MQ's Promote operation, as the model names its members. */
public record PromoteResponse(@Nullable String brokerId) {}
