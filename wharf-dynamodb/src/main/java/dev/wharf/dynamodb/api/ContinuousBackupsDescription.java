package dev.wharf.dynamodb.api;

import org.jspecify.annotations.Nullable;

/** Part of DynamoDB's ContinuousBackupsDescription shape, as the model names its members. */
public record ContinuousBackupsDescription(
        @Nullable String continuousBackupsStatus,
        @Nullable PointInTimeRecoveryDescription pointInTimeRecoveryDescription) {}
