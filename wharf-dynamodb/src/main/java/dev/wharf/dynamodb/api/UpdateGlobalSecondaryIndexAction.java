package dev.wharf.dynamodb.api;

import org.jspecify.annotations.Nullable;

/** Part of DynamoDB's UpdateGlobalSecondaryIndexAction shape, as the model names its members. */
public record UpdateGlobalSecondaryIndexAction(
        @Nullable String indexName,
        @Nullable ProvisionedThroughput provisionedThroughput,
        @Nullable OnDemandThroughput onDemandThroughput,
        @Nullable WarmThroughput warmThroughput) {}
