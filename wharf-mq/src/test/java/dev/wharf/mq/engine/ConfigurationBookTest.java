package dev.wharf.mq.engine;

import static dev.wharf.mq.engine.MqEngineTest.CONTEXT;
import static dev.wharf.mq.engine.MqEngineTest.OTHER;
import static dev.wharf.mq.engine.MqEngineTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wharf.common.TestClock;
import dev.wharf.mq.api.ConfigurationId;
import dev.wharf.mq.api.ConfigurationRevision;
import dev.wharf.mq.api.CreateConfigurationRequest;
import dev.wharf.mq.api.CreateConfigurationResponse;
import dev.wharf.mq.api.CreateTagsRequest;
import dev.wharf.mq.api.DeleteBrokerRequest;
import dev.wharf.mq.api.DeleteConfigurationRequest;
import dev.wharf.mq.api.DeleteTagsRequest;
import dev.wharf.mq.api.DescribeBrokerRequest;
import dev.wharf.mq.api.DescribeBrokerResponse;
import dev.wharf.mq.api.DescribeConfigurationRequest;
import dev.wharf.mq.api.DescribeConfigurationResponse;
import dev.wharf.mq.api.DescribeConfigurationRevisionRequest;
import dev.wharf.mq.api.DescribeConfigurationRevisionResponse;
import dev.wharf.mq.api.ListConfigurationRevisionsRequest;
import dev.wharf.mq.api.ListConfigurationRevisionsResponse;
import dev.wharf.mq.api.ListConfigurationsRequest;
import dev.wharf.mq.api.ListConfigurationsResponse;
import dev.wharf.mq.api.ListTagsRequest;
import dev.wharf.mq.api.MqError;
import dev.wharf.mq.api.RebootBrokerRequest;
import dev.wharf.mq.api.SanitizationWarning;
import dev.wharf.mq.api.UpdateBrokerRequest;
import dev.wharf.mq.api.UpdateConfigurationRequest;
import dev.wharf.mq.api.UpdateConfigurationResponse;
import dev.wharf.mq.engine.config.DefaultConfigurations;
import dev.wharf.storage.BrokerStore;
import dev.wharf.storage.MemoryStorageEngine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.jspecify.annotations.NullUnmarked;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Configurations and their revisions, sanitized as Amazon MQ sanitizes them, and the brokers that use them. */
@NullUnmarked
class ConfigurationBookTest {
    private static final String CORE = "http://activemq.apache.org/schema/core";
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path data;

    private final TestClock clock = new TestClock(Instant.parse("2026-03-04T05:06:07Z"));
    private final FakeRuntime runtime = new FakeRuntime();
    private final BrokerStore store = new MemoryStorageEngine().brokers();
    private MqEngine engine;
    private ConfigurationBook book;

    @BeforeEach
    void start() {
        this.engine = this.open();
        this.book = this.engine.configurations();
    }

    private MqEngine open() {
        return new MqEngine(
                this.store,
                this.clock,
                new MqSettings(
                        this.data,
                        "127.0.0.1",
                        41000,
                        5,
                        new InstanceLaunch.Limits(0L, 0L, 0L),
                        null,
                        Duration.ofSeconds(5)),
                () -> this.runtime);
    }

    @AfterEach
    void stop() {
        this.engine.close();
    }

    private CreateConfigurationResponse create(String name) {
        return this.book.createConfiguration(
                CONTEXT, new CreateConfigurationRequest(null, "ACTIVEMQ", "5.18", name, Map.of("team", "a")));
    }

    private static String base64(String xml) {
        return Base64.getEncoder().encodeToString(xml.getBytes(StandardCharsets.UTF_8));
    }

    private UpdateConfigurationResponse update(String id, String xml) {
        return this.book.updateConfiguration(CONTEXT, new UpdateConfigurationRequest(id, base64(xml), "second"));
    }

    private String revisionData(String id, String revision) {
        DescribeConfigurationRevisionResponse described = this.book.describeConfigurationRevision(
                CONTEXT, new DescribeConfigurationRevisionRequest(id, revision));
        return new String(Base64.getDecoder().decode(described.data()), StandardCharsets.UTF_8);
    }

    @Test
    void createConfigurationHoldsTheDefaultActiveMqXmlAsRevisionOne() {
        CreateConfigurationResponse created = this.create("orders");
        assertThat(created.id()).startsWith("c-");
        assertThat(created.arn()).isEqualTo("arn:aws:mq:us-east-1:123456789012:configuration:" + created.id());
        assertThat(created.authenticationStrategy()).isEqualTo("SIMPLE");
        assertThat(created.name()).isEqualTo("orders");
        assertThat(created.created()).isEqualTo(this.clock.instant());
        assertThat(created.latestRevision())
                .isEqualTo(new ConfigurationRevision(
                        this.clock.instant(), "Auto-generated default for orders on ActiveMQ 5.18", 1));
        assertThat(this.revisionData(created.id(), "1")).isEqualTo(DefaultConfigurations.activeMq("5.18"));
        DescribeConfigurationResponse described =
                this.book.describeConfiguration(CONTEXT, new DescribeConfigurationRequest(created.id()));
        assertThat(described.engineType()).isEqualTo("ACTIVEMQ");
        assertThat(described.engineVersion()).isEqualTo("5.18");
        assertThat(described.tags()).isEqualTo(Map.of("team", "a"));
        assertThat(described.description()).isEqualTo("Auto-generated default for orders on ActiveMQ 5.18");
    }

    @Test
    void createConfigurationChecksItsMembers() {
        assertError(
                () -> this.book.createConfiguration(
                        CONTEXT, new CreateConfigurationRequest(null, "ACTIVEMQ", null, null, null)),
                MqError.BadRequest,
                "name",
                "The request must include name.");
        assertError(
                () -> this.book.createConfiguration(
                        CONTEXT, new CreateConfigurationRequest(null, "ACTIVEMQ", null, "a b", null)),
                MqError.BadRequest,
                "name",
                "Configuration name must be 1-150 characters long and contain only letters, numbers, dashes,"
                        + " periods, underscores, and tildes (- . _ ~).");
        assertError(
                () -> this.book.createConfiguration(
                        CONTEXT, new CreateConfigurationRequest(null, "RABBITMQ", null, "r", null)),
                MqError.BadRequest,
                "engineType",
                "Wharf keeps configurations of ActiveMQ brokers only.");
        assertError(
                () -> this.book.createConfiguration(
                        CONTEXT, new CreateConfigurationRequest(null, "ACTIVEMQ", "5.15", "r", null)),
                MqError.BadRequest,
                "engineVersion",
                "Broker engine version [5.15] is not supported. Wharf runs ActiveMQ 5.18.");
        assertError(
                () -> this.book.createConfiguration(
                        CONTEXT, new CreateConfigurationRequest("OAUTH", "ACTIVEMQ", null, "r", null)),
                MqError.BadRequest,
                "authenticationStrategy",
                "Authentication strategy [OAUTH] is invalid. Valid values are: [CONFIG_MANAGED, LDAP, SIMPLE].");
    }

    @Test
    void updateConfigurationAddsASanitizedRevisionWithItsWarnings() {
        String id = this.create("orders").id();
        this.clock.advance(Duration.ofMinutes(1));
        UpdateConfigurationResponse updated = this.update(
                id, "<broker xmlns=\"" + CORE + "\" useJmx=\"true\"><managementContext/><plugins/></broker>");
        assertThat(updated.latestRevision()).isEqualTo(new ConfigurationRevision(this.clock.instant(), "second", 2));
        assertThat(updated.warnings())
                .containsExactly(
                        new SanitizationWarning("useJmx", "broker", "DISALLOWED_ATTRIBUTE_REMOVED"),
                        new SanitizationWarning(null, "managementContext", "DISALLOWED_ELEMENT_REMOVED"));
        assertThat(this.revisionData(id, "2"))
                .contains("<plugins/>")
                .doesNotContain("useJmx")
                .doesNotContain("managementContext");
        ListConfigurationRevisionsResponse revisions =
                this.book.listConfigurationRevisions(CONTEXT, new ListConfigurationRevisionsRequest(id, null, null));
        assertThat(revisions.revisions())
                .extracting(ConfigurationRevision::revision)
                .containsExactly(1, 2);
        ListConfigurationRevisionsResponse first =
                this.book.listConfigurationRevisions(CONTEXT, new ListConfigurationRevisionsRequest(id, 1, null));
        assertThat(first.revisions())
                .extracting(ConfigurationRevision::revision)
                .containsExactly(1);
        assertThat(first.nextToken()).isNotNull();
        assertThat(this.book
                        .describeConfiguration(CONTEXT, new DescribeConfigurationRequest(id))
                        .latestRevision()
                        .revision())
                .isEqualTo(2);
    }

    @Test
    void updateConfigurationTakesBase64WrappedIntoLinesAsTheBase64ToolWritesIt() {
        String id = this.create("orders").id();
        String wrapped = java.util.Base64.getMimeEncoder()
                .encodeToString(dev.wharf.mq.engine.config.DefaultConfigurations.activeMq("5.18")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(wrapped).contains("\r\n");
        assertThat(this.book
                        .updateConfiguration(CONTEXT, new UpdateConfigurationRequest(id, wrapped + "\n", null))
                        .latestRevision()
                        .revision())
                .isEqualTo(2);
    }

    @Test
    void updateConfigurationRefusesDataThatIsNotBase64OrNotValid() {
        String id = this.create("orders").id();
        assertError(
                () -> this.book.updateConfiguration(CONTEXT, new UpdateConfigurationRequest(id, "QQ=QQ", null)),
                MqError.BadRequest,
                "data",
                "The configuration data must be base64-encoded XML.");
        String valid = base64(dev.wharf.mq.engine.config.DefaultConfigurations.activeMq("5.18"));
        assertError(
                () -> this.book.updateConfiguration(
                        CONTEXT, new UpdateConfigurationRequest(id, valid.substring(0, 40) + "%%%" + valid, null)),
                MqError.BadRequest,
                "data",
                "The configuration data must be base64-encoded XML.");
        assertError(
                () -> this.book.updateConfiguration(CONTEXT, new UpdateConfigurationRequest(id, null, null)),
                MqError.BadRequest,
                "data",
                "The request must include data.");
        assertError(
                () -> this.update(id, "<beans/>"),
                MqError.BadRequest,
                "data",
                "The specified XML configuration data is invalid: cvc-elt.1.a: Cannot find the declaration of"
                        + " element 'beans'.");
        assertThat(this.book
                        .listConfigurationRevisions(CONTEXT, new ListConfigurationRevisionsRequest(id, null, null))
                        .revisions())
                .hasSize(1);
    }

    @Test
    void aConfigurationHoldsThreeHundredRevisionsAtMost() {
        String id = this.create("orders").id();
        String xml = "<broker xmlns=\"" + CORE + "\"/>";
        for (int i = 2; i <= 300; i++) {
            this.update(id, xml);
        }

        assertError(
                () -> this.update(id, xml),
                MqError.BadRequest,
                "configuration-id",
                "Configuration [" + id + "] has reached the limit of 300 revisions.");
    }

    @Test
    void revisionsAreFoundByNumberOnly() {
        String id = this.create("orders").id();
        assertError(
                () -> this.revisionData(id, "first"),
                MqError.BadRequest,
                "configuration-revision",
                "The revision [first] is not a number.");
        for (String missing : new String[] {"0", "9"}) {
            assertError(
                    () -> this.revisionData(id, missing),
                    MqError.NotFound,
                    "configuration-revision",
                    "Can't find requested revision [" + missing + "] of configuration [" + id + "].");
        }

        assertError(
                () -> this.revisionData(id, null),
                MqError.BadRequest,
                "configuration-revision",
                "The request must include configuration-revision.");
    }

    @Test
    void anUnknownConfigurationIsNotFound() {
        String message = "Can't find requested configuration [c-nope]. Make sure your configuration exists.";
        assertError(
                () -> this.book.describeConfiguration(CONTEXT, new DescribeConfigurationRequest("c-nope")),
                MqError.NotFound,
                "configuration-id",
                message);
        assertError(
                () -> this.engine.deleteConfiguration(CONTEXT, new DeleteConfigurationRequest("c-nope")),
                MqError.NotFound,
                "configuration-id",
                message);
        String id = this.create("orders").id();
        assertError(
                () -> this.book.describeConfiguration(OTHER, new DescribeConfigurationRequest(id)),
                MqError.NotFound,
                "configuration-id",
                "Can't find requested configuration [" + id + "]. Make sure your configuration exists.");
    }

    @Test
    void listConfigurationsPagesThroughTheAccountsConfigurations() {
        String a = this.create("a").id();
        String b = this.create("b").id();
        this.book.createConfiguration(OTHER, new CreateConfigurationRequest(null, "ACTIVEMQ", null, "c", null));
        ListConfigurationsResponse first =
                this.book.listConfigurations(CONTEXT, new ListConfigurationsRequest(1, null));
        assertThat(first.configurations()).extracting(c -> c.id()).containsExactly(a);
        assertThat(first.maxResults()).isEqualTo(1);
        ListConfigurationsResponse second =
                this.book.listConfigurations(CONTEXT, new ListConfigurationsRequest(1, first.nextToken()));
        assertThat(second.configurations()).extracting(c -> c.id()).containsExactly(b);
        assertThat(second.nextToken()).isNull();
        assertError(
                () -> this.book.listConfigurations(CONTEXT, new ListConfigurationsRequest(101, null)),
                MqError.BadRequest,
                "maxResults",
                "The maximum number of results must be between 1 and 100.");
    }

    @Test
    void configurationTagsAreAddedListedAndRemoved() {
        String arn = this.create("orders").arn();
        this.engine.createTags(CONTEXT, new CreateTagsRequest(arn, Map.of("env", "prod")));
        assertThat(this.engine.listTags(CONTEXT, new ListTagsRequest(arn)).tags())
                .isEqualTo(Map.of("team", "a", "env", "prod"));
        this.engine.deleteTags(CONTEXT, new DeleteTagsRequest(arn, java.util.List.of("team")));
        assertThat(this.engine.listTags(CONTEXT, new ListTagsRequest(arn)).tags())
                .isEqualTo(Map.of("env", "prod"));
        assertError(
                () -> this.engine.createTags(CONTEXT, new CreateTagsRequest(arn, Map.of("aws:x", "y"))),
                MqError.BadRequest,
                "tags",
                "Tag keys must be 1-128 characters long and must not begin with aws:.");
    }

    @Test
    void aBrokerRunsItsConfigurationAndAPendingOneAfterTheReboot() {
        String id = this.create("orders").id();
        String xml = "<broker xmlns=\"" + CORE + "\" schedulerSupport=\"true\"><plugins/></broker>";
        this.update(id, xml);
        String brokerId = this.engine
                .createBroker(
                        CONTEXT,
                        MqEngineTest.with(MqEngineTest.request("b1"), "configuration", new ConfigurationId(id, 1)))
                .brokerId();
        await().atMost(WAIT)
                .until(() -> "RUNNING".equals(this.describe(brokerId).brokerState()));
        assertThat(this.runtime.launches().get(0).configurationXml()).isEqualTo(DefaultConfigurations.activeMq("5.18"));
        assertThat(this.describe(brokerId).configurations().current()).isEqualTo(new ConfigurationId(id, 1));

        this.engine.updateBroker(
                CONTEXT,
                new UpdateBrokerRequest(
                        null, null, brokerId, new ConfigurationId(id, null), null, null, null, null, null, null, null));
        DescribeBrokerResponse pending = this.describe(brokerId);
        assertThat(pending.configurations().pending()).isEqualTo(new ConfigurationId(id, 2));
        assertThat(pending.configurations().current()).isEqualTo(new ConfigurationId(id, 1));
        this.engine.rebootBroker(CONTEXT, new RebootBrokerRequest(brokerId));
        await().atMost(WAIT).until(() -> this.runtime.launches().size() == 2);
        await().atMost(WAIT)
                .until(() -> "RUNNING".equals(this.describe(brokerId).brokerState()));
        assertThat(this.runtime.launches().get(1).configurationXml())
                .contains("schedulerSupport=\"true\"")
                .contains("<plugins/>");
        DescribeBrokerResponse applied = this.describe(brokerId);
        assertThat(applied.configurations().current()).isEqualTo(new ConfigurationId(id, 2));
        assertThat(applied.configurations().history()).containsExactly(new ConfigurationId(id, 1));
        assertThat(applied.configurations().pending()).isNull();
    }

    @Test
    void aBrokerCannotNameAMissingRevision() {
        String id = this.create("orders").id();
        assertError(
                () -> this.engine.createBroker(
                        CONTEXT,
                        MqEngineTest.with(MqEngineTest.request("b1"), "configuration", new ConfigurationId(id, 7))),
                MqError.NotFound,
                "configuration-revision",
                "Can't find requested revision [7] of configuration [" + id + "].");
    }

    @Test
    void aConfigurationInUseCannotBeDeletedUntilItsBrokerIsGone() {
        String id = this.create("orders").id();
        String brokerId = this.engine
                .createBroker(
                        CONTEXT,
                        MqEngineTest.with(MqEngineTest.request("b1"), "configuration", new ConfigurationId(id, null)))
                .brokerId();
        assertError(
                () -> this.engine.deleteConfiguration(CONTEXT, new DeleteConfigurationRequest(id)),
                MqError.Conflict,
                "configuration-id",
                "Configuration [" + id + "] is in use by broker [" + brokerId + "] and cannot be deleted.");
        this.engine.deleteBroker(CONTEXT, new DeleteBrokerRequest(brokerId));
        assertThat(this.engine
                        .deleteConfiguration(CONTEXT, new DeleteConfigurationRequest(id))
                        .configurationId())
                .isEqualTo(id);
        assertError(
                () -> this.book.describeConfiguration(CONTEXT, new DescribeConfigurationRequest(id)),
                MqError.NotFound,
                "configuration-id",
                "Can't find requested configuration [" + id + "]. Make sure your configuration exists.");
        assertThat(this.book.data(id, 1)).isNull();
    }

    @Test
    void configurationsSurviveARestartOverTheSameStore() {
        String id = this.create("orders").id();
        this.update(id, "<broker xmlns=\"" + CORE + "\"/>");
        this.engine.close();
        this.engine = this.open();
        assertThat(this.engine
                        .configurations()
                        .describeConfiguration(CONTEXT, new DescribeConfigurationRequest(id))
                        .latestRevision()
                        .revision())
                .isEqualTo(2);
    }

    private DescribeBrokerResponse describe(String brokerId) {
        return this.engine.describeBroker(CONTEXT, new DescribeBrokerRequest(brokerId));
    }
}
