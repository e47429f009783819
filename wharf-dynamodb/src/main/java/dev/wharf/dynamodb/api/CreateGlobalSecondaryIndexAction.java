package dev.wharf.dynamodb.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** Part of DynamoDB's CreateGlobalSecondaryIndexAction shape, as the model names its members. */
public record CreateGlobalSecondaryIndexAction(
        @Nullable String indexName,
        @Nullable List<KeySchemaElement> keySchema,
        @Nullable Projection projection,
        @Nullable ProvisionedThroughput provisionedThroughput,
        @Nullable OnDemandThroughput onDemandThroughput,
        @Nullable WarmThroughput warmThroughput) {}
