package dev.wharf.dynamodb.api;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The output of GetItem. */
public record GetItemResponse(
        @Nullable Map<String, AttributeValue> item,
        @Nullable ConsumedCapacity consumedCapacity) {}
