package dev.wharf.kinesis.api;

import org.jspecify.annotations.Nullable;

/** Part of Kinesis's MinimumThroughputBillingCommitmentInput shape, as the model names its members. */
public record MinimumThroughputBillingCommitmentInput(
        @Nullable String status) {}
