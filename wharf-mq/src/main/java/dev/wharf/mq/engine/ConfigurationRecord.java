package dev.wharf.mq.engine;

import java.util.LinkedHashMap;
import java.util.Map;

final class ConfigurationRecord {
    public String id = "";
    public String accountId = "";
    public String region = "";
    public String name = "";
    public String engineType = "ACTIVEMQ";
    public String engineVersion = "";
    public String authenticationStrategy = "SIMPLE";
    public long createdMillis;
    public int latestRevision;
    public long latestCreatedMillis;
    public String latestDescription = "";
    public Map<String, String> tags = new LinkedHashMap<>();

    String arn() {
        return "arn:aws:mq:" + this.region + ":" + this.accountId + ":configuration:" + this.id;
    }
}
