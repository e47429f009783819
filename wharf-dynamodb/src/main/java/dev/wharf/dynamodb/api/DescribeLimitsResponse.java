package dev.wharf.dynamodb.api;

import org.jspecify.annotations.Nullable;

/** The output of DescribeLimits. */
public record DescribeLimitsResponse(
        @Nullable Long accountMaxReadCapacityUnits,
        @Nullable Long accountMaxWriteCapacityUnits,
        @Nullable Long tableMaxReadCapacityUnits,
        @Nullable Long tableMaxWriteCapacityUnits) {}
