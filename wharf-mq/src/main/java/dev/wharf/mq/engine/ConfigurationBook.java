package dev.wharf.mq.engine;

import dev.wharf.mq.api.Configuration;
import dev.wharf.mq.api.ConfigurationRevision;
import dev.wharf.mq.api.CreateConfigurationRequest;
import dev.wharf.mq.api.CreateConfigurationResponse;
import dev.wharf.mq.api.DescribeConfigurationRequest;
import dev.wharf.mq.api.DescribeConfigurationResponse;
import dev.wharf.mq.api.DescribeConfigurationRevisionRequest;
import dev.wharf.mq.api.DescribeConfigurationRevisionResponse;
import dev.wharf.mq.api.ListConfigurationRevisionsRequest;
import dev.wharf.mq.api.ListConfigurationRevisionsResponse;
import dev.wharf.mq.api.ListConfigurationsRequest;
import dev.wharf.mq.api.ListConfigurationsResponse;
import dev.wharf.mq.api.MqContext;
import dev.wharf.mq.api.MqError;
import dev.wharf.mq.api.UpdateConfigurationRequest;
import dev.wharf.mq.api.UpdateConfigurationResponse;
import dev.wharf.mq.engine.config.ConfigurationRejected;
import dev.wharf.mq.engine.config.ConfigurationSanitizer;
import dev.wharf.mq.engine.config.DefaultConfigurations;
import dev.wharf.mq.engine.config.SanitizationWarning;
import dev.wharf.mq.engine.config.Sanitized;
import dev.wharf.storage.BrokerBatch;
import dev.wharf.storage.BrokerStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Amazon MQ's configurations and their revisions: each revision's activemq.xml sanitized as Amazon MQ sanitizes it,
 * kept with its warnings, and read by the brokers that name it. Records are kept in the {@link
 * dev.wharf.storage.BrokerStore} under {@code configuration/} and {@code revision/}; the configurations are also held
 * in memory. Thread-safe: its operations hold its monitor.
 */
public final class ConfigurationBook {
    private static final java.util.regex.Pattern WHITESPACE = java.util.regex.Pattern.compile("[ \\t\\r\\n]+");

    static final String CONFIGURATION_PREFIX = "configuration/";
    static final String REVISION_PREFIX = "revision/";
    private static final int WARNINGS_RETURNED = 20;
    private final BrokerStore store;
    private final Clock clock;
    private final ConfigurationSanitizer sanitizer = new ConfigurationSanitizer();
    private final Map<String, ConfigurationRecord> configurations = new LinkedHashMap<>();

    ConfigurationBook(BrokerStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        store.scan(CONFIGURATION_PREFIX, (key, value) -> {
            ConfigurationRecord record = MqEngine.read(value, ConfigurationRecord.class);
            this.configurations.put(record.id, record);
        });
    }

    public synchronized CreateConfigurationResponse createConfiguration(
            MqContext context, CreateConfigurationRequest request) {
        String name = MqChecks.required(request.name(), "name");
        MqChecks.configurationName(name);
        String engineType = MqChecks.required(request.engineType(), "engineType");
        MqChecks.oneOf(engineType, MqChecks.ENGINE_TYPES, "engineType", "Broker engine type");
        if (!engineType.equals("ACTIVEMQ")) {
            throw MqChecks.bad("engineType", "Wharf keeps configurations of ActiveMQ brokers only.");
        }

        MqChecks.engineVersion(request.engineVersion());
        MqChecks.oneOf(
                request.authenticationStrategy(),
                MqChecks.AUTHENTICATION,
                "authenticationStrategy",
                "Authentication strategy");
        MqChecks.tags(request.tags(), 0);
        long owned = this.configurations.values().stream()
                .filter(c -> owned(context, c))
                .count();
        if (owned >= 5000L) {
            throw MqChecks.bad("name", "You have reached the limit of 5000 configurations.");
        }

        ConfigurationRecord record = new ConfigurationRecord();
        record.id = "c-" + UUID.randomUUID();
        record.accountId = context.accountId();
        record.region = context.region();
        record.name = name;
        record.engineType = engineType;
        record.engineVersion = "5.18";
        record.authenticationStrategy =
                request.authenticationStrategy() == null ? "SIMPLE" : request.authenticationStrategy();
        record.createdMillis = this.clock.millis();
        if (request.tags() != null) {
            record.tags.putAll(request.tags());
        }

        RevisionRecord first = new RevisionRecord();
        first.revision = 1;
        first.createdMillis = record.createdMillis;
        first.description = DefaultConfigurations.description(name, record.engineVersion);
        first.data = DefaultConfigurations.activeMq(record.engineVersion);
        this.commit(record, first);
        return new CreateConfigurationResponse(
                record.arn(),
                record.authenticationStrategy,
                Instant.ofEpochMilli(record.createdMillis),
                record.id,
                latest(record),
                record.name);
    }

    public synchronized DescribeConfigurationResponse describeConfiguration(
            MqContext context, DescribeConfigurationRequest request) {
        ConfigurationRecord record = this.configuration(context, request.configurationId());
        return new DescribeConfigurationResponse(
                record.arn(),
                record.authenticationStrategy,
                Instant.ofEpochMilli(record.createdMillis),
                record.latestDescription,
                record.engineType,
                record.engineVersion,
                record.id,
                latest(record),
                record.name,
                Map.copyOf(record.tags));
    }

    public synchronized ListConfigurationsResponse listConfigurations(
            MqContext context, ListConfigurationsRequest request) {
        int size = MqChecks.maxResults(request.maxResults(), 1, 100, 100);
        List<Configuration> all = new ArrayList<>();

        for (ConfigurationRecord record : this.configurations.values()) {
            if (owned(context, record)) {
                all.add(new Configuration(
                        record.arn(),
                        record.authenticationStrategy,
                        Instant.ofEpochMilli(record.createdMillis),
                        record.latestDescription,
                        record.engineType,
                        record.engineVersion,
                        record.id,
                        latest(record),
                        record.name,
                        Map.copyOf(record.tags)));
            }
        }

        Pages<Configuration> page = Pages.of(all, request.nextToken(), size);
        return new ListConfigurationsResponse(page.items(), size, page.nextToken());
    }

    public synchronized UpdateConfigurationResponse updateConfiguration(
            MqContext context, UpdateConfigurationRequest request) {
        ConfigurationRecord record = this.configuration(context, request.configurationId());
        String data = MqChecks.required(request.data(), "data");
        if (record.latestRevision >= 300) {
            throw MqChecks.bad(
                    "configuration-id", "Configuration [" + record.id + "] has reached the limit of 300 revisions.");
        }

        byte[] xml;
        try {
            // Line breaks and spaces (as the base64 tool wraps its output) are allowed; any other character outside
            // the alphabet is refused, where the MIME decoder would skip it and hand the sanitizer a truncated text.
            xml = Base64.getDecoder().decode(WHITESPACE.matcher(data).replaceAll(""));
        } catch (IllegalArgumentException e) {
            throw MqChecks.bad("data", "The configuration data must be base64-encoded XML.");
        }

        Sanitized sanitized;
        try {
            sanitized = this.sanitizer.sanitize(xml);
        } catch (ConfigurationRejected e) {
            throw MqChecks.bad(e.errorAttribute(), e.getMessage());
        }

        RevisionRecord revision = new RevisionRecord();
        revision.revision = record.latestRevision + 1;
        revision.createdMillis = this.clock.millis();
        revision.description = request.description() == null ? "" : request.description();
        revision.data = sanitized.xml();

        for (SanitizationWarning warning : sanitized.warnings()) {
            RevisionRecord.Warning kept = new RevisionRecord.Warning();
            kept.attributeName = warning.attributeName();
            kept.elementName = warning.elementName();
            kept.reason = warning.reason().name();
            revision.warnings.add(kept);
        }

        this.commit(record, revision);
        return new UpdateConfigurationResponse(
                record.arn(),
                Instant.ofEpochMilli(record.createdMillis),
                record.id,
                latest(record),
                record.name,
                warnings(revision).subList(0, Math.min(revision.warnings.size(), WARNINGS_RETURNED)));
    }

    public synchronized DescribeConfigurationRevisionResponse describeConfigurationRevision(
            MqContext context, DescribeConfigurationRevisionRequest request) {
        ConfigurationRecord record = this.configuration(context, request.configurationId());
        String text = MqChecks.required(request.configurationRevision(), "configuration-revision");

        int number;
        try {
            number = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw MqChecks.bad("configuration-revision", "The revision [" + text + "] is not a number.");
        }

        RevisionRecord revision = this.revision(record, number);
        return new DescribeConfigurationRevisionResponse(
                record.id,
                Instant.ofEpochMilli(revision.createdMillis),
                Base64.getEncoder().encodeToString(revision.data.getBytes(StandardCharsets.UTF_8)),
                revision.description);
    }

    public synchronized ListConfigurationRevisionsResponse listConfigurationRevisions(
            MqContext context, ListConfigurationRevisionsRequest request) {
        ConfigurationRecord record = this.configuration(context, request.configurationId());
        int size = MqChecks.maxResults(request.maxResults(), 1, 100, 100);
        List<ConfigurationRevision> all = new ArrayList<>();
        this.store.scan(REVISION_PREFIX + record.id + "/", (key, value) -> {
            RevisionRecord revision = MqEngine.read(value, RevisionRecord.class);
            all.add(new ConfigurationRevision(
                    Instant.ofEpochMilli(revision.createdMillis), revision.description, revision.revision));
        });
        Pages<ConfigurationRevision> page = Pages.of(all, request.nextToken(), size);
        return new ListConfigurationRevisionsResponse(record.id, size, page.nextToken(), page.items());
    }

    synchronized void delete(MqContext context, @Nullable String id) {
        ConfigurationRecord record = this.configuration(context, id);
        this.store.commit(new BrokerBatch()
                .delete(CONFIGURATION_PREFIX + record.id)
                .deletePrefix(REVISION_PREFIX + record.id + "/"));
        this.configurations.remove(record.id);
    }

    synchronized String check(MqContext context, @Nullable String id) {
        return this.configuration(context, id).id;
    }

    synchronized int revisionFor(MqContext context, String id, @Nullable Integer revision) {
        ConfigurationRecord record = this.configuration(context, id);
        return revision == null ? record.latestRevision : this.revision(record, revision).revision;
    }

    @Nullable
    String data(String id, int revision) {
        byte[] value = this.store.read(revisionKey(id, revision));
        return value == null ? null : MqEngine.read(value, RevisionRecord.class).data;
    }

    synchronized void tag(MqContext context, String arn, Map<String, String> tags) {
        ConfigurationRecord record = this.byArn(context, arn);
        Map<String, String> merged = new LinkedHashMap<>(record.tags);
        merged.putAll(tags);
        MqChecks.tags(merged, 0);
        record.tags = merged;
        this.store.commit(new BrokerBatch().put(CONFIGURATION_PREFIX + record.id, MqEngine.write(record)));
    }

    synchronized void untag(MqContext context, String arn, List<String> keys) {
        ConfigurationRecord record = this.byArn(context, arn);
        keys.forEach(record.tags::remove);
        this.store.commit(new BrokerBatch().put(CONFIGURATION_PREFIX + record.id, MqEngine.write(record)));
    }

    synchronized Map<String, String> tags(MqContext context, String arn) {
        return Map.copyOf(this.byArn(context, arn).tags);
    }

    private ConfigurationRecord byArn(MqContext context, String arn) {
        for (ConfigurationRecord record : this.configurations.values()) {
            if (record.arn().equals(arn) && owned(context, record)) {
                return record;
            }
        }

        throw MqError.NotFound.with(
                "resource-arn", "Can't find requested resource [" + arn + "]. Make sure your resource exists.");
    }

    private void commit(ConfigurationRecord record, RevisionRecord revision) {
        record.latestRevision = revision.revision;
        record.latestCreatedMillis = revision.createdMillis;
        record.latestDescription = revision.description;
        this.store.commit(new BrokerBatch()
                .put(CONFIGURATION_PREFIX + record.id, MqEngine.write(record))
                .put(revisionKey(record.id, revision.revision), MqEngine.write(revision)));
        this.configurations.put(record.id, record);
    }

    private static String revisionKey(String id, int revision) {
        return REVISION_PREFIX + id + "/" + String.format(Locale.ROOT, "%05d", revision);
    }

    private RevisionRecord revision(ConfigurationRecord record, int number) {
        byte[] value = number < 1 ? null : this.store.read(revisionKey(record.id, number));
        if (value == null) {
            throw MqError.NotFound.with(
                    "configuration-revision",
                    "Can't find requested revision [" + number + "] of configuration [" + record.id + "].");
        } else {
            return MqEngine.read(value, RevisionRecord.class);
        }
    }

    private static ConfigurationRevision latest(ConfigurationRecord record) {
        return new ConfigurationRevision(
                Instant.ofEpochMilli(record.latestCreatedMillis), record.latestDescription, record.latestRevision);
    }

    private static List<dev.wharf.mq.api.SanitizationWarning> warnings(RevisionRecord revision) {
        return revision.warnings.stream()
                .map(w -> new dev.wharf.mq.api.SanitizationWarning(w.attributeName, w.elementName, w.reason))
                .toList();
    }

    private ConfigurationRecord configuration(MqContext context, @Nullable String id) {
        String configurationId = MqChecks.required(id, "configuration-id");
        ConfigurationRecord record = this.configurations.get(configurationId);
        if (record != null && owned(context, record)) {
            return record;
        } else {
            throw MqError.NotFound.with(
                    "configuration-id",
                    "Can't find requested configuration [" + configurationId
                            + "]. Make sure your configuration exists.");
        }
    }

    private static boolean owned(MqContext context, ConfigurationRecord record) {
        return record.accountId.equals(context.accountId()) && record.region.equals(context.region());
    }
}
