package dev.wharf.dynamodb.api;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The input of BatchGetItem. */
public record BatchGetItemRequest(
        @Nullable Map<String, KeysAndAttributes> requestItems,
        @Nullable String returnConsumedCapacity) {}
