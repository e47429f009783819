package dev.wharf.dynamodb.api;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Part of DynamoDB's BillingModeSummary shape, as the model names its members. */
public record BillingModeSummary(
        @Nullable String billingMode, @Nullable Instant lastUpdateToPayPerRequestDateTime) {}
