package dev.wharf.firehose.api;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Part of Firehose's DatabaseSnapshotInfo shape, as the model names its members. */
public record DatabaseSnapshotInfo(
        @Nullable String id,
        @Nullable String table,
        @Nullable Instant requestTimestamp,
        @Nullable String requestedBy,
        @Nullable String status,
        @Nullable FailureDescription failureDescription) {}
