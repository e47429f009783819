package dev.wharf.dynamodb.api;

import org.jspecify.annotations.Nullable;

/** Part of DynamoDB's PointInTimeRecoverySpecification shape, as the model names its members. */
public record PointInTimeRecoverySpecification(
        @Nullable Boolean pointInTimeRecoveryEnabled,
        @Nullable Integer recoveryPeriodInDays) {}
