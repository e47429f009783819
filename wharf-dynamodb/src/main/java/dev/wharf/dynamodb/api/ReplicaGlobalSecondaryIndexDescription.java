package dev.wharf.dynamodb.api;

import org.jspecify.annotations.Nullable;

/** Part of DynamoDB's ReplicaGlobalSecondaryIndexDescription shape, as the model names its members. */
public record ReplicaGlobalSecondaryIndexDescription(
        @Nullable String indexName,
        @Nullable ProvisionedThroughputOverride provisionedThroughputOverride,
        @Nullable OnDemandThroughputOverride onDemandThroughputOverride,
        @Nullable GlobalSecondaryIndexWarmThroughputDescription warmThroughput) {}
