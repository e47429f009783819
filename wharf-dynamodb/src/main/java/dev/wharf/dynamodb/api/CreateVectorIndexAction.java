package dev.wharf.dynamodb.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** Part of DynamoDB's CreateVectorIndexAction shape, as the model names its members. */
public record CreateVectorIndexAction(
        @Nullable String indexName,
        @Nullable VectorAttributeDefinition vectorAttribute,
        @Nullable List<SearchSchemaElement> searchSchema,
        @Nullable Projection projection,
        @Nullable Long dimensions,
        @Nullable String distanceFunction) {}
