package dev.wharf.dynamodb.api;

import org.jspecify.annotations.Nullable;

/** The input of UpdateContinuousBackups. */
public record UpdateContinuousBackupsRequest(
        @Nullable String tableName, @Nullable PointInTimeRecoverySpecification pointInTimeRecoverySpecification) {}
