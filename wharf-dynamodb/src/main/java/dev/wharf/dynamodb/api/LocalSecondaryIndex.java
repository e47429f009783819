package dev.wharf.dynamodb.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** Part of DynamoDB's LocalSecondaryIndex shape, as the model names its members. */
public record LocalSecondaryIndex(
        @Nullable String indexName,
        @Nullable List<KeySchemaElement> keySchema,
        @Nullable Projection projection) {}
