package dev.wharf.dynamodb.api;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The output of DeleteItem. */
public record DeleteItemResponse(
        @Nullable Map<String, AttributeValue> attributes,
        @Nullable ConsumedCapacity consumedCapacity,
        @Nullable ItemCollectionMetrics itemCollectionMetrics) {}
