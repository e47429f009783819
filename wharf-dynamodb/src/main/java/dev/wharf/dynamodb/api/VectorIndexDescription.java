package dev.wharf.dynamodb.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** Part of DynamoDB's VectorIndexDescription shape, as the model names its members. */
public record VectorIndexDescription(
        @Nullable String indexName,
        @Nullable List<SearchSchemaElement> searchSchema,
        @Nullable Projection projection,
        @Nullable VectorAttributeDefinition vectorAttribute,
        @Nullable Long dimensions,
        @Nullable String distanceFunction,
        @Nullable String indexStatus,
        @Nullable Boolean backfilling,
        @Nullable Long indexSizeBytes,
        @Nullable Long itemCount,
        @Nullable String indexArn) {}
