package dev.wharf.dynamodb.api;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Part of DynamoDB's PointInTimeRecoveryDescription shape, as the model names its members. */
public record PointInTimeRecoveryDescription(
        @Nullable String pointInTimeRecoveryStatus,
        @Nullable Integer recoveryPeriodInDays,
        @Nullable Instant earliestRestorableDateTime,
        @Nullable Instant latestRestorableDateTime) {}
