package dev.wharf.dynamodb.api;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Part of DynamoDB's RestoreSummary shape, as the model names its members. */
public record RestoreSummary(
        @Nullable String sourceBackupArn,
        @Nullable String sourceTableArn,
        @Nullable Instant restoreDateTime,
        @Nullable Boolean restoreInProgress) {}
