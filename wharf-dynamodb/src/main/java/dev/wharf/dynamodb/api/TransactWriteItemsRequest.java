package dev.wharf.dynamodb.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The input of TransactWriteItems. */
public record TransactWriteItemsRequest(
        @Nullable List<TransactWriteItem> transactItems,
        @Nullable String returnConsumedCapacity,
        @Nullable String returnItemCollectionMetrics,
        @Nullable String clientRequestToken) {}
