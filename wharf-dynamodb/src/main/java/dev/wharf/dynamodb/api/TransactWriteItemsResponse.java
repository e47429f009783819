package dev.wharf.dynamodb.api;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The output of TransactWriteItems. */
public record TransactWriteItemsResponse(
        @Nullable List<ConsumedCapacity> consumedCapacity,
        @Nullable Map<String, List<ItemCollectionMetrics>> itemCollectionMetrics) {}
