package dev.wharf.dynamodb.api;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Part of DynamoDB's ArchivalSummary shape, as the model names its members. */
public record ArchivalSummary(
        @Nullable Instant archivalDateTime,
        @Nullable String archivalReason,
        @Nullable String archivalBackupArn) {}
