package dev.wharf.mq.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The output of Amazon MQ's UpdateBroker operation, as the model names its members. */
public record UpdateBrokerResponse(
        @Nullable String authenticationStrategy,
        @Nullable Boolean autoMinorVersionUpgrade,
        @Nullable String brokerId,
        @Nullable ConfigurationId configuration,
        @Nullable String engineVersion,
        @Nullable String hostInstanceType,
        @Nullable LdapServerMetadataOutput ldapServerMetadata,
        @Nullable Logs logs,
        @Nullable WeeklyStartTime maintenanceWindowStartTime,
        @Nullable List<String> securityGroups,
        @Nullable DataReplicationMetadataOutput dataReplicationMetadata,
        @Nullable String dataReplicationMode,
        @Nullable DataReplicationMetadataOutput pendingDataReplicationMetadata,
        @Nullable String pendingDataReplicationMode) {}
