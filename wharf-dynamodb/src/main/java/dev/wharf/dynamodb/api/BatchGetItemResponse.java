package dev.wharf.dynamodb.api;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The output of BatchGetItem. */
public record BatchGetItemResponse(
        @Nullable Map<String, List<Map<String, AttributeValue>>> responses,
        @Nullable Map<String, KeysAndAttributes> unprocessedKeys,
        @Nullable List<ConsumedCapacity> consumedCapacity) {}
