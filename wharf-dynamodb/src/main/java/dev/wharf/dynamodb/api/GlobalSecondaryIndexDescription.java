package dev.wharf.dynamodb.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** Part of DynamoDB's GlobalSecondaryIndexDescription shape, as the model names its members. */
public record GlobalSecondaryIndexDescription(
        @Nullable String indexName,
        @Nullable List<KeySchemaElement> keySchema,
        @Nullable Projection projection,
        @Nullable String indexStatus,
        @Nullable Boolean backfilling,
        @Nullable ProvisionedThroughputDescription provisionedThroughput,
        @Nullable Long indexSizeBytes,
        @Nullable Long itemCount,
        @Nullable String indexArn,
        @Nullable OnDemandThroughput onDemandThroughput,
        @Nullable GlobalSecondaryIndexWarmThroughputDescription warmThroughput) {}
