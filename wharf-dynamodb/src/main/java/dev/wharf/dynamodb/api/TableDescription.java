package dev.wharf.dynamodb.api;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Part of DynamoDB's TableDescription shape, as the model names its members. */
public record TableDescription(
        @Nullable List<AttributeDefinition> attributeDefinitions,
        @Nullable String tableName,
        @Nullable List<KeySchemaElement> keySchema,
        @Nullable String tableStatus,
        @Nullable Instant creationDateTime,
        @Nullable ProvisionedThroughputDescription provisionedThroughput,
        @Nullable Long tableSizeBytes,
        @Nullable Long itemCount,
        @Nullable String tableArn,
        @Nullable String tableId,
        @Nullable BillingModeSummary billingModeSummary,
        @Nullable List<LocalSecondaryIndexDescription> localSecondaryIndexes,
        @Nullable List<GlobalSecondaryIndexDescription> globalSecondaryIndexes,
        @Nullable StreamSpecification streamSpecification,
        @Nullable String latestStreamLabel,
        @Nullable String latestStreamArn,
        @Nullable String globalTableVersion,
        @Nullable List<ReplicaDescription> replicas,
        @Nullable List<GlobalTableWitnessDescription> globalTableWitnesses,
        @Nullable String globalTableSettingsReplicationMode,
        @Nullable RestoreSummary restoreSummary,
        @Nullable SSEDescription sSEDescription,
        @Nullable ArchivalSummary archivalSummary,
        @Nullable TableClassSummary tableClassSummary,
        @Nullable Boolean deletionProtectionEnabled,
        @Nullable OnDemandThroughput onDemandThroughput,
        @Nullable TableWarmThroughputDescription warmThroughput,
        @Nullable String multiRegionConsistency,
        @Nullable List<VectorIndexDescription> vectorIndexes) {}
