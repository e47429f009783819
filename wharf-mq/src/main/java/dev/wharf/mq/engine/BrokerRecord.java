package dev.wharf.mq.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

final class BrokerRecord {
    public String id = "";
    public String accountId = "";
    public String region = "";
    public String name = "";
    public String deploymentMode = "";
    public String engineVersion = "";
    public String hostInstanceType = "";
    public String storageType = "EFS";
    public String authenticationStrategy = "SIMPLE";
    public boolean autoMinorVersionUpgrade = true;
    public boolean publiclyAccessible;
    public boolean generalLogs;
    public boolean auditLogs;
    public @Nullable String creatorRequestId;
    public BrokerRecord.@Nullable ConfigRef configuration;
    public List<BrokerRecord.ConfigRef> configurationHistory = new ArrayList<>();
    public BrokerRecord.@Nullable ConfigRef pendingConfiguration;
    public @Nullable String pendingEngineVersion;
    public @Nullable String pendingHostInstanceType;
    public @Nullable String pendingAuthenticationStrategy;
    public List<String> securityGroups = new ArrayList<>();
    public @Nullable List<String> pendingSecurityGroups;
    public List<String> subnetIds = new ArrayList<>();
    public @Nullable String maintenanceDay;
    public @Nullable String maintenanceTime;
    public @Nullable String maintenanceZone;
    public Map<String, String> tags = new LinkedHashMap<>();
    public List<BrokerRecord.UserRecord> users = new ArrayList<>();
    public long createdMillis;
    public int portBlock;
    public boolean live = true;

    String arn() {
        return "arn:aws:mq:" + this.region + ":" + this.accountId + ":broker:" + this.name + ":" + this.id;
    }

    int instances() {
        return this.deploymentMode.equals("ACTIVE_STANDBY_MULTI_AZ") ? 2 : 1;
    }

    BrokerRecord.@Nullable UserRecord user(String username) {
        for (BrokerRecord.UserRecord user : this.users) {
            if (user.username.equals(username)) {
                return user;
            }
        }

        return null;
    }

    static final class ConfigRef {
        public String id = "";
        public int revision;

        ConfigRef() {}

        ConfigRef(String id, int revision) {
            this.id = id;
            this.revision = revision;
        }
    }

    static final class UserRecord {
        public String username = "";
        public String password = "";
        public List<String> groups = new ArrayList<>();
        public boolean consoleAccess;
        public boolean replicationUser;
        public boolean active;
        public @Nullable String pendingChange;
        public @Nullable String pendingPassword;
        public @Nullable List<String> pendingGroups;
        public @Nullable Boolean pendingConsoleAccess;
    }
}
