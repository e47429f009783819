package dev.wharf.dynamodb.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** Part of DynamoDB's GlobalSecondaryIndex shape, as the model names its members. */
public record GlobalSecondaryIndex(
        @Nullable String indexName,
        @Nullable List<KeySchemaElement> keySchema,
        @Nullable Projection projection,
        @Nullable ProvisionedThroughput provisionedThroughput,
        @Nullable OnDemandThroughput onDemandThroughput,
        @Nullable WarmThroughput warmThroughput) {}
