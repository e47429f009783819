package dev.wharf.dynamodb.api;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Part of DynamoDB's ProvisionedThroughputDescription shape, as the model names its members. */
public record ProvisionedThroughputDescription(
        @Nullable Instant lastIncreaseDateTime,
        @Nullable Instant lastDecreaseDateTime,
        @Nullable Long numberOfDecreasesToday,
        @Nullable Long readCapacityUnits,
        @Nullable Long writeCapacityUnits) {}
