package dev.wharf.dynamodb.api;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Part of DynamoDB's ItemCollectionMetrics shape, as the model names its members. */
public record ItemCollectionMetrics(
        @Nullable Map<String, AttributeValue> itemCollectionKey,
        @Nullable List<Double> sizeEstimateRangeGB) {}
