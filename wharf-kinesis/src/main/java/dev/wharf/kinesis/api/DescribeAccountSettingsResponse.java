package dev.wharf.kinesis.api;

import org.jspecify.annotations.Nullable;

/** The output of DescribeAccountSettings. */
public record DescribeAccountSettingsResponse(
        @Nullable MinimumThroughputBillingCommitmentOutput minimumThroughputBillingCommitment) {}
