package dev.wharf.kinesis.api;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Part of Kinesis's MinimumThroughputBillingCommitmentOutput shape, as the model names its members. */
public record MinimumThroughputBillingCommitmentOutput(
        @Nullable String status,
        @Nullable Instant startedAt,
        @Nullable Instant endedAt,
        @Nullable Instant earliestAllowedEndAt) {}
