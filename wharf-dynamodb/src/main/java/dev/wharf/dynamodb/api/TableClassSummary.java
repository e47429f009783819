package dev.wharf.dynamodb.api;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Part of DynamoDB's TableClassSummary shape, as the model names its members. */
public record TableClassSummary(
        @Nullable String tableClass, @Nullable Instant lastUpdateDateTime) {}
