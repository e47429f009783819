package dev.wharf.dynamodb.api;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Part of DynamoDB's ConsumedCapacity shape, as the model names its members. */
public record ConsumedCapacity(
        @Nullable String tableName,
        @Nullable Double capacityUnits,
        @Nullable Double readCapacityUnits,
        @Nullable Double writeCapacityUnits,
        @Nullable Capacity table,
        @Nullable Map<String, Capacity> localSecondaryIndexes,
        @Nullable Map<String, Capacity> globalSecondaryIndexes,
        @Nullable Map<String, VectorCapacity> vectorIndexes) {}
