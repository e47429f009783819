package dev.wharf.mq.api;

import org.jspecify.annotations.Nullable;

/** Part of Amazon MQ's DataReplicationCounterpart shape, as the model names its members. */
public record DataReplicationCounterpart(
        @Nullable String brokerId, @Nullable String region) {}
