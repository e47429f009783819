package dev.wharf.mq.api;

import org.jspecify.annotations.Nullable;

/** Part of Amazon MQ's DataReplicationMetadataOutput shape, as the model names its members. */
public record DataReplicationMetadataOutput(
        @Nullable DataReplicationCounterpart dataReplicationCounterpart,
        @Nullable String dataReplicationRole) {}
