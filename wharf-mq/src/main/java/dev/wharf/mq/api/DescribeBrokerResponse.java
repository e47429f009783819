package dev.wharf.mq.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The output of Amazon MQ's DescribeBroker operation, as the model names its members. */
public record DescribeBrokerResponse(
        @Nullable List<ActionRequired> actionsRequired,
        @Nullable String authenticationStrategy,
        @Nullable Boolean autoMinorVersionUpgrade,
        @Nullable String brokerArn,
        @Nullable String brokerId,
        @Nullable List<BrokerInstance> brokerInstances,
        @Nullable String brokerName,
        @Nullable String brokerState,
        @Nullable Configurations configurations,
        @Nullable Instant created,
        @Nullable String deploymentMode,
        @Nullable EncryptionOptions encryptionOptions,
        @Nullable String engineType,
        @Nullable String engineVersion,
        @Nullable String hostInstanceType,
        @Nullable LdapServerMetadataOutput ldapServerMetadata,
        @Nullable LogsSummary logs,
        @Nullable WeeklyStartTime maintenanceWindowStartTime,
        @Nullable String pendingAuthenticationStrategy,
        @Nullable String pendingEngineVersion,
        @Nullable String pendingHostInstanceType,
        @Nullable LdapServerMetadataOutput pendingLdapServerMetadata,
        @Nullable List<String> pendingSecurityGroups,
        @Nullable Boolean publiclyAccessible,
        @Nullable List<String> securityGroups,
        @Nullable String storageType,
        @Nullable List<String> subnetIds,
        @Nullable Map<String, String> tags,
        @Nullable List<UserSummary> users,
        @Nullable DataReplicationMetadataOutput dataReplicationMetadata,
        @Nullable String dataReplicationMode,
        @Nullable DataReplicationMetadataOutput pendingDataReplicationMetadata,
        @Nullable String pendingDataReplicationMode) {}
