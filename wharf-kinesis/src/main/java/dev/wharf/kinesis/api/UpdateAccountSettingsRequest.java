package dev.wharf.kinesis.api;

import org.jspecify.annotations.Nullable;

/** The input of UpdateAccountSettings. */
public record UpdateAccountSettingsRequest(
        @Nullable MinimumThroughputBillingCommitmentInput minimumThroughputBillingCommitment) {}
