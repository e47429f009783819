package dev.wharf.dynamodb.api;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The output of Scan. */
public record ScanResponse(
        @Nullable List<Map<String, AttributeValue>> items,
        @Nullable Integer count,
        @Nullable Integer scannedCount,
        @Nullable Map<String, AttributeValue> lastEvaluatedKey,
        @Nullable ConsumedCapacity consumedCapacity) {}
