package dev.wharf.dynamodb.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The input of UpdateTable. */
public record UpdateTableRequest(
        @Nullable List<AttributeDefinition> attributeDefinitions,
        @Nullable String tableName,
        @Nullable String billingMode,
        @Nullable ProvisionedThroughput provisionedThroughput,
        @Nullable List<GlobalSecondaryIndexUpdate> globalSecondaryIndexUpdates,
        @Nullable StreamSpecification streamSpecification,
        @Nullable SSESpecification sSESpecification,
        @Nullable List<ReplicationGroupUpdate> replicaUpdates,
        @Nullable String tableClass,
        @Nullable Boolean deletionProtectionEnabled,
        @Nullable String multiRegionConsistency,
        @Nullable List<GlobalTableWitnessGroupUpdate> globalTableWitnessUpdates,
        @Nullable OnDemandThroughput onDemandThroughput,
        @Nullable WarmThroughput warmThroughput,
        @Nullable String globalTableSettingsReplicationMode,
        @Nullable List<VectorIndexUpdate> vectorIndexUpdates) {}
