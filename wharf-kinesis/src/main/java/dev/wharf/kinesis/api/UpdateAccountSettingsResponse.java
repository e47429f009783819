package dev.wharf.kinesis.api;

import org.jspecify.annotations.Nullable;

/** The output of UpdateAccountSettings. */
public record UpdateAccountSettingsResponse(
        @Nullable MinimumThroughputBillingCommitmentOutput minimumThroughputBillingCommitment) {}
