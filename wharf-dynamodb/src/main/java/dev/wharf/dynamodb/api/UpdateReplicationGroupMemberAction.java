package dev.wharf.dynamodb.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** Part of DynamoDB's UpdateReplicationGroupMemberAction shape, as the model names its members. */
public record UpdateReplicationGroupMemberAction(
        @Nullable String regionName,
        @Nullable String kMSMasterKeyId,
        @Nullable ProvisionedThroughputOverride provisionedThroughputOverride,
        @Nullable OnDemandThroughputOverride onDemandThroughputOverride,
        @Nullable List<ReplicaGlobalSecondaryIndex> globalSecondaryIndexes,
        @Nullable String tableClassOverride) {}
