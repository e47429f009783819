package dev.wharf.dynamodb.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The output of TransactGetItems. */
public record TransactGetItemsResponse(
        @Nullable List<ConsumedCapacity> consumedCapacity,
        @Nullable List<ItemResponse> responses) {}
