package dev.wharf.dynamodb.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The input of TransactGetItems. */
public record TransactGetItemsRequest(
        @Nullable List<TransactGetItem> transactItems,
        @Nullable String returnConsumedCapacity) {}
