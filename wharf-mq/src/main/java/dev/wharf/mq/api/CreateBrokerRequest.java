package dev.wharf.mq.api;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The input of Amazon MQ's CreateBroker operation, as the model names its members. */
public record CreateBrokerRequest(
        @Nullable String authenticationStrategy,
        @Nullable Boolean autoMinorVersionUpgrade,
        @Nullable String brokerName,
        @Nullable ConfigurationId configuration,
        @Nullable String creatorRequestId,
        @Nullable String deploymentMode,
        @Nullable EncryptionOptions encryptionOptions,
        @Nullable String engineType,
        @Nullable String engineVersion,
        @Nullable String hostInstanceType,
        @Nullable LdapServerMetadataInput ldapServerMetadata,
        @Nullable Logs logs,
        @Nullable WeeklyStartTime maintenanceWindowStartTime,
        @Nullable Boolean publiclyAccessible,
        @Nullable List<String> securityGroups,
        @Nullable String storageType,
        @Nullable List<String> subnetIds,
        @Nullable Map<String, String> tags,
        @Nullable List<User> users,
        @Nullable String dataReplicationMode,
        @Nullable String dataReplicationPrimaryBrokerArn) {}
