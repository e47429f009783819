package dev.wharf.dynamodb.api;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The output of BatchWriteItem. */
public record BatchWriteItemResponse(
        @Nullable Map<String, List<WriteRequest>> unprocessedItems,
        @Nullable Map<String, List<ItemCollectionMetrics>> itemCollectionMetrics,
        @Nullable List<ConsumedCapacity> consumedCapacity) {}
