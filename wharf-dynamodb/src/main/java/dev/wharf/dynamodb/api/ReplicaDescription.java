package dev.wharf.dynamodb.api;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Part of DynamoDB's ReplicaDescription shape, as the model names its members. */
public record ReplicaDescription(
        @Nullable String regionName,
        @Nullable String replicaStatus,
        @Nullable String replicaArn,
        @Nullable String replicaStatusDescription,
        @Nullable String replicaStatusPercentProgress,
        @Nullable String kMSMasterKeyId,
        @Nullable ProvisionedThroughputOverride provisionedThroughputOverride,
        @Nullable OnDemandThroughputOverride onDemandThroughputOverride,
        @Nullable TableWarmThroughputDescription warmThroughput,
        @Nullable List<ReplicaGlobalSecondaryIndexDescription> globalSecondaryIndexes,
        @Nullable Instant replicaInaccessibleDateTime,
        @Nullable TableClassSummary replicaTableClassSummary,
        @Nullable String globalTableSettingsReplicationMode) {}
