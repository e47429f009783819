package dev.wharf.dynamodb.api;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The input of BatchWriteItem. */
public record BatchWriteItemRequest(
        @Nullable Map<String, List<WriteRequest>> requestItems,
        @Nullable String returnConsumedCapacity,
        @Nullable String returnItemCollectionMetrics) {}
