package dev.wharf.dynamodb.api;

import org.jspecify.annotations.Nullable;

/** Part of DynamoDB's ReplicaGlobalSecondaryIndex shape, as the model names its members. */
public record ReplicaGlobalSecondaryIndex(
        @Nullable String indexName,
        @Nullable ProvisionedThroughputOverride provisionedThroughputOverride,
        @Nullable OnDemandThroughputOverride onDemandThroughputOverride) {}
