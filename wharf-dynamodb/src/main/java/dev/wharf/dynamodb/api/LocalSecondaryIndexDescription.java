package dev.wharf.dynamodb.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** Part of DynamoDB's LocalSecondaryIndexDescription shape, as the model names its members. */
public record LocalSecondaryIndexDescription(
        @Nullable String indexName,
        @Nullable List<KeySchemaElement> keySchema,
        @Nullable Projection projection,
        @Nullable Long indexSizeBytes,
        @Nullable Long itemCount,
        @Nullable String indexArn) {}
