package dev.wharf.mq.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.wharf.common.AwsException;
import dev.wharf.common.TestClock;
import dev.wharf.mq.api.ActionRequired;
import dev.wharf.mq.api.ConfigurationId;
import dev.wharf.mq.api.CreateBrokerRequest;
import dev.wharf.mq.api.CreateBrokerResponse;
import dev.wharf.mq.api.CreateTagsRequest;
import dev.wharf.mq.api.CreateUserRequest;
import dev.wharf.mq.api.DeleteBrokerRequest;
import dev.wharf.mq.api.DeleteTagsRequest;
import dev.wharf.mq.api.DeleteUserRequest;
import dev.wharf.mq.api.DescribeBrokerEngineTypesRequest;
import dev.wharf.mq.api.DescribeBrokerEngineTypesResponse;
import dev.wharf.mq.api.DescribeBrokerInstanceOptionsRequest;
import dev.wharf.mq.api.DescribeBrokerInstanceOptionsResponse;
import dev.wharf.mq.api.DescribeBrokerRequest;
import dev.wharf.mq.api.DescribeBrokerResponse;
import dev.wharf.mq.api.DescribeUserRequest;
import dev.wharf.mq.api.DescribeUserResponse;
import dev.wharf.mq.api.ListBrokersRequest;
import dev.wharf.mq.api.ListBrokersResponse;
import dev.wharf.mq.api.ListTagsRequest;
import dev.wharf.mq.api.ListUsersRequest;
import dev.wharf.mq.api.ListUsersResponse;
import dev.wharf.mq.api.Logs;
import dev.wharf.mq.api.MqContext;
import dev.wharf.mq.api.MqError;
import dev.wharf.mq.api.PromoteRequest;
import dev.wharf.mq.api.RebootBrokerRequest;
import dev.wharf.mq.api.UpdateBrokerRequest;
import dev.wharf.mq.api.UpdateBrokerResponse;
import dev.wharf.mq.api.UpdateUserRequest;
import dev.wharf.mq.api.User;
import dev.wharf.mq.api.UserPendingChanges;
import dev.wharf.mq.api.UserSummary;
import dev.wharf.mq.api.WeeklyStartTime;
import dev.wharf.storage.BrokerStore;
import dev.wharf.storage.MemoryStorageEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jspecify.annotations.NullUnmarked;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Amazon MQ's brokers and users over the memory store, with a fake broker runtime behind the lifecycle. */
@NullUnmarked
class MqEngineTest {
    static final MqContext CONTEXT = new MqContext("123456789012", "us-east-1");
    static final MqContext OTHER = new MqContext("210987654321", "us-east-1");
    static final String PASSWORD = "correct-horse-battery";
    static final int PORT_BASE = 40000;
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path data;

    private final TestClock clock = new TestClock(Instant.parse("2026-01-02T03:04:05Z"));
    private final FakeRuntime runtime = new FakeRuntime();
    private final BrokerStore store = new MemoryStorageEngine().brokers();
    private final List<MqEngine> engines = new ArrayList<>();
    private MqEngine engine;

    @BeforeEach
    void start() {
        this.engine = this.engine(3, () -> this.runtime);
    }

    @AfterEach
    void stop() {
        this.engines.forEach(MqEngine::close);
    }

    private MqEngine engine(int maxBrokers, Supplier<BrokerRuntime> runtimes) {
        MqSettings settings = new MqSettings(
                this.data,
                "127.0.0.1",
                PORT_BASE,
                maxBrokers,
                new InstanceLaunch.Limits(1L, 2L, 3L),
                null,
                Duration.ofSeconds(5));
        MqEngine made = new MqEngine(this.store, this.clock, settings, runtimes);
        this.engines.add(made);
        return made;
    }

    static User user(String username, boolean console, String... groups) {
        return new User(console, List.of(groups), PASSWORD, username, null);
    }

    static CreateBrokerRequest request(String name, String mode, List<User> users) {
        return new CreateBrokerRequest(
                null,
                null,
                name,
                null,
                null,
                mode,
                null,
                "ACTIVEMQ",
                "5.18",
                "mq.m5.large",
                null,
                null,
                null,
                true,
                null,
                null,
                null,
                Map.of("team", "a"),
                users,
                null,
                null);
    }

    static CreateBrokerRequest request(String name) {
        return request(name, "SINGLE_INSTANCE", List.of(user("admin", true, "admins")));
    }

    private String create(String name) {
        return this.engine.createBroker(CONTEXT, request(name)).brokerId();
    }

    private DescribeBrokerResponse describe(String id) {
        return this.engine.describeBroker(CONTEXT, new DescribeBrokerRequest(id));
    }

    private void awaitState(String id, String state) {
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(this.describe(id).brokerState()).isEqualTo(state));
    }

    private String running(String name) {
        String id = this.create(name);
        this.awaitState(id, "RUNNING");
        return id;
    }

    private void reboot(String id) {
        this.engine.rebootBroker(CONTEXT, new RebootBrokerRequest(id));
    }

    static void assertError(ThrowingCallable call, MqError error, String attribute, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(AwsException.class, e -> {
            assertThat(e.code()).isEqualTo(error);
            assertThat(e.getMessage()).isEqualTo(message);
            assertThat(e.detail()).isEqualTo(new MqError.Attribute(attribute));
        });
    }

    private void assertBad(CreateBrokerRequest request, String attribute, String message) {
        assertError(() -> this.engine.createBroker(CONTEXT, request), MqError.BadRequest, attribute, message);
    }

    @Test
    void createBrokerIsCreationInProgressUntilItsInstanceIsActive() {
        this.runtime.mode(FakeRuntime.Mode.HANG);
        CreateBrokerResponse created = this.engine.createBroker(CONTEXT, request("orders"));
        assertThat(created.brokerId()).startsWith("b-");
        assertThat(created.brokerArn())
                .isEqualTo("arn:aws:mq:us-east-1:123456789012:broker:orders:" + created.brokerId());
        await().atMost(WAIT).until(() -> this.runtime.launched().size() == 1);
        DescribeBrokerResponse starting = this.describe(created.brokerId());
        assertThat(starting.brokerState()).isEqualTo("CREATION_IN_PROGRESS");
        assertThat(starting.brokerInstances()).isEmpty();
        this.runtime.mode(FakeRuntime.Mode.UP);
        this.awaitState(created.brokerId(), "RUNNING");
    }

    @Test
    void describeBrokerReportsTheRequestAndTheInstanceEndpoints() {
        String id = this.running("orders");
        DescribeBrokerResponse broker = this.describe(id);
        assertThat(broker.brokerName()).isEqualTo("orders");
        assertThat(broker.deploymentMode()).isEqualTo("SINGLE_INSTANCE");
        assertThat(broker.engineType()).isEqualTo("ActiveMQ");
        assertThat(broker.engineVersion()).isEqualTo("5.18");
        assertThat(broker.hostInstanceType()).isEqualTo("mq.m5.large");
        assertThat(broker.storageType()).isEqualTo("EFS");
        assertThat(broker.authenticationStrategy()).isEqualTo("SIMPLE");
        assertThat(broker.autoMinorVersionUpgrade()).isTrue();
        assertThat(broker.publiclyAccessible()).isTrue();
        assertThat(broker.created()).isEqualTo(this.clock.instant());
        assertThat(broker.tags()).isEqualTo(Map.of("team", "a"));
        assertThat(broker.users()).containsExactly(new UserSummary(null, "admin"));
        assertThat(broker.maintenanceWindowStartTime()).isEqualTo(new WeeklyStartTime("SUNDAY", "00:00", "UTC"));
        assertThat(broker.actionsRequired()).isNull();
        assertThat(broker.brokerInstances()).hasSize(1);
        dev.wharf.mq.api.BrokerInstance instance = broker.brokerInstances().get(0);
        assertThat(instance.consoleURL()).isEqualTo("http://127.0.0.1:40005");
        assertThat(instance.ipAddress()).isEqualTo("127.0.0.1");
        assertThat(instance.endpoints())
                .containsExactly(
                        "tcp://127.0.0.1:40000",
                        "amqp://127.0.0.1:40001",
                        "stomp://127.0.0.1:40002",
                        "mqtt://127.0.0.1:40003",
                        "ws://127.0.0.1:40004");
    }

    @Test
    void theInstanceIsLaunchedWithItsFoldersPortsUsersAndLimits() {
        String id = this.running("orders");
        InstanceLaunch launch = this.runtime.launches().get(0);
        assertThat(launch.brokerName()).isEqualTo("orders");
        assertThat(launch.instanceName()).isEqualTo(id + "-1");
        assertThat(launch.storeDirectory()).isEqualTo(this.data.resolve(id).resolve("kahadb"));
        assertThat(launch.workDirectory()).isEqualTo(this.data.resolve(id).resolve("instance-1"));
        assertThat(launch.ports()).isEqualTo(new InstanceLaunch.Ports(40000, 40001, 40002, 40003, 40004, 40005));
        assertThat(launch.users()).containsExactly(new InstanceLaunch.Login("admin", PASSWORD, Set.of("admins"), true));
        assertThat(launch.configurationXml()).isNull();
        assertThat(launch.limits()).isEqualTo(new InstanceLaunch.Limits(1L, 2L, 3L));
        assertThat(launch.tls()).isNull();
        assertThat(this.engine.activeInstance(id))
                .isSameAs(this.runtime.launched().get(0));
        assertThat(this.engine.activeInstance("b-nope")).isNull();
    }

    @Test
    void secondBrokerTakesTheNextPortBlock() {
        this.running("one");
        String two = this.running("two");
        assertThat(this.describe(two).brokerInstances().get(0).endpoints())
                .first()
                .isEqualTo("tcp://127.0.0.1:40010");
    }

    @Test
    void activeStandbyRunsTwoInstancesOverOneStore() {
        CreateBrokerRequest pair = request("pair", "ACTIVE_STANDBY_MULTI_AZ", List.of(user("admin", true)));
        String id = this.engine.createBroker(CONTEXT, pair).brokerId();
        this.awaitState(id, "RUNNING");
        List<FakeRuntime.Instance> launched = this.runtime.launched();
        assertThat(launched).hasSize(2);
        assertThat(launched.get(0).launch().storeDirectory())
                .isEqualTo(launched.get(1).launch().storeDirectory());
        assertThat(launched.get(1).launch().instanceName()).isEqualTo(id + "-2");
        assertThat(launched.get(0).state()).isEqualTo(BrokerInstance.InstanceState.ACTIVE);
        assertThat(launched.get(1).state()).isEqualTo(BrokerInstance.InstanceState.STANDBY);
        assertThat(this.describe(id).brokerInstances())
                .extracting(dev.wharf.mq.api.BrokerInstance::consoleURL)
                .containsExactly("http://127.0.0.1:40005", "http://127.0.0.1:40015");
        String next = this.running("next");
        assertThat(this.describe(next).brokerInstances().get(0).consoleURL()).isEqualTo("http://127.0.0.1:40025");

        this.reboot(id);
        this.awaitState(id, "RUNNING");
        assertThat(launched).allMatch(FakeRuntime.Instance::stopped);
        List<FakeRuntime.Instance> after = this.runtime.launched();
        assertThat(after).hasSize(5);
        assertThat(this.engine.activeInstance(id)).isIn(after.get(3), after.get(4));
    }

    @Test
    void anActiveStandbyBrokerRunsWhenItsSecondInstanceTakesTheLockFirst() {
        this.runtime.lastTakesTheLock(true);
        CreateBrokerRequest pair = request("pair", "ACTIVE_STANDBY_MULTI_AZ", List.of(user("admin", true)));
        String id = this.engine.createBroker(CONTEXT, pair).brokerId();
        this.awaitState(id, "RUNNING");
        List<FakeRuntime.Instance> launched = this.runtime.launched();
        assertThat(launched.get(0).state()).isEqualTo(BrokerInstance.InstanceState.STANDBY);
        assertThat(launched.get(1).state()).isEqualTo(BrokerInstance.InstanceState.ACTIVE);
        assertThat(this.engine.activeInstance(id)).isSameAs(launched.get(1));
    }

    @Test
    void createBrokerWithTheSameCreatorRequestIdReturnsTheSameBroker() {
        CreateBrokerRequest base = request("orders");
        CreateBrokerRequest once = new CreateBrokerRequest(
                null,
                false,
                "orders",
                null,
                "token-1",
                "SINGLE_INSTANCE",
                null,
                "ACTIVEMQ",
                null,
                "mq.m5.large",
                null,
                new Logs(true, true),
                new WeeklyStartTime("MONDAY", "01:00", "Europe/Paris"),
                false,
                List.of("sg-1"),
                "EBS",
                List.of("subnet-1"),
                null,
                base.users(),
                null,
                null);
        CreateBrokerResponse first = this.engine.createBroker(CONTEXT, once);
        CreateBrokerResponse again = this.engine.createBroker(CONTEXT, once);
        assertThat(again).isEqualTo(first);
        DescribeBrokerResponse broker = this.describe(first.brokerId());
        assertThat(broker.autoMinorVersionUpgrade()).isFalse();
        assertThat(broker.publiclyAccessible()).isFalse();
        assertThat(broker.storageType()).isEqualTo("EBS");
        assertThat(broker.securityGroups()).containsExactly("sg-1");
        assertThat(broker.subnetIds()).containsExactly("subnet-1");
        assertThat(broker.logs().general()).isTrue();
        assertThat(broker.logs().audit()).isTrue();
        assertThat(broker.maintenanceWindowStartTime())
                .isEqualTo(new WeeklyStartTime("MONDAY", "01:00", "Europe/Paris"));
        assertThat(broker.tags()).isEmpty();
    }

    @Test
    void createBrokerWithATakenNameIsAConflict() {
        this.create("orders");
        assertError(
                () -> this.engine.createBroker(CONTEXT, request("orders")),
                MqError.Conflict,
                "brokerName",
                "Broker with name [orders] already exists.");
        assertThat(this.engine.createBroker(OTHER, request("orders")).brokerId())
                .startsWith("b-");
    }

    @Test
    void createBrokerStopsAtTheServersBrokerLimit() {
        this.create("a");
        this.create("b");
        this.create("c");
        this.assertBad(request("d"), "brokerName", "You have reached the limit of 3 brokers this server runs.");
    }

    @Test
    void createBrokerChecksItsMembers() {
        List<User> users = List.of(user("admin", true));
        this.assertBad(request(null), "brokerName", "The request must include brokerName.");
        this.assertBad(request(""), "brokerName", "The request must include brokerName.");
        String name = "Broker name must be 1-50 characters long and contain only letters, numbers, dashes, periods,"
                + " underscores, and tildes (- . _ ~).";
        this.assertBad(request("a b"), "brokerName", name);
        this.assertBad(request("x".repeat(51)), "brokerName", name);
        this.assertBad(request("a", null, users), "deploymentMode", "The request must include deploymentMode.");
        this.assertBad(
                request("a", "SOLO", users),
                "deploymentMode",
                "Broker deployment mode [SOLO] is invalid. Valid values are: [ACTIVE_STANDBY_MULTI_AZ,"
                        + " CLUSTER_MULTI_AZ, SINGLE_INSTANCE].");
        String rabbit = "Wharf runs ActiveMQ brokers only (SINGLE_INSTANCE or ACTIVE_STANDBY_MULTI_AZ): RabbitMQ and"
                + " CLUSTER_MULTI_AZ need a rabbitmq-server, which this server does not manage.";
        this.assertBad(request("a", "CLUSTER_MULTI_AZ", users), "deploymentMode", rabbit);
        this.assertBad(with(request("a"), "engineType", "RABBITMQ"), "engineType", rabbit);
        this.assertBad(
                with(request("a"), "engineType", "KAFKA"),
                "engineType",
                "Broker engine type [KAFKA] is invalid. Valid values are: [ACTIVEMQ, RABBITMQ].");
        this.assertBad(with(request("a"), "engineType", null), "engineType", "The request must include engineType.");
        this.assertBad(
                with(request("a"), "engineVersion", "5.17"),
                "engineVersion",
                "Broker engine version [5.17] is not supported. Wharf runs ActiveMQ 5.18.");
        this.assertBad(
                with(request("a"), "hostInstanceType", "mq.huge"),
                "hostInstanceType",
                "Broker host instance type [mq.huge] is invalid. Valid values are: [mq.t3.micro, mq.m5.large,"
                        + " mq.m5.xlarge, mq.m5.2xlarge, mq.m5.4xlarge].");
        this.assertBad(
                with(request("a"), "hostInstanceType", null),
                "hostInstanceType",
                "The request must include hostInstanceType.");
        this.assertBad(
                with(request("a", "ACTIVE_STANDBY_MULTI_AZ", users), "hostInstanceType", "mq.t3.micro"),
                "hostInstanceType",
                "Broker host instance type [mq.t3.micro] does not support ACTIVE_STANDBY_MULTI_AZ.");
        this.assertBad(
                with(request("a"), "publiclyAccessible", null),
                "publiclyAccessible",
                "The request must include publiclyAccessible.");
        this.assertBad(
                with(request("a"), "storageType", "DISK"),
                "storageType",
                "Broker storage type [DISK] is invalid. Valid values are: [EBS, EFS].");
        this.assertBad(
                with(request("a"), "authenticationStrategy", "LDAP"),
                "authenticationStrategy",
                "Wharf's brokers authenticate with SIMPLE only, not LDAP.");
        this.assertBad(
                with(request("a"), "authenticationStrategy", "KERBEROS"),
                "authenticationStrategy",
                "Authentication strategy [KERBEROS] is invalid. Valid values are: [CONFIG_MANAGED, LDAP, SIMPLE].");
    }

    @Test
    void createBrokerChecksItsUsersTagsAndWindow() {
        this.assertBad(request("a", "SINGLE_INSTANCE", null), "users", "The request must include users.");
        this.assertBad(
                request("a", "SINGLE_INSTANCE", List.of()), "users", "An ActiveMQ broker needs at least one user.");
        List<User> many = new ArrayList<>();
        for (int i = 0; i < 251; i++) {
            many.add(user("user" + i, false));
        }

        this.assertBad(request("a", "SINGLE_INSTANCE", many), "users", "A broker can have at most 250 users.");
        this.assertBad(
                request("a", "SINGLE_INSTANCE", List.of(user("admin", true), user("admin", false))),
                "users",
                "The user [admin] is given twice.");
        this.assertBad(
                request("a", "SINGLE_INSTANCE", List.of(new User(null, null, PASSWORD, null, null))),
                "username",
                "The request must include username.");
        this.assertBad(
                request("a", "SINGLE_INSTANCE", List.of(new User(null, null, null, "admin", null))),
                "password",
                "The request must include password.");
        this.assertBad(
                request("a", "SINGLE_INSTANCE", List.of(user("a", true))),
                "username",
                "Username must be 2-100 characters long and contain only letters, numbers, dashes, periods,"
                        + " underscores, and tildes (- . _ ~).");
        String password = "Password is invalid. Enter a password 12 to 250 characters long, with at least 4 unique"
                + " characters, and without commas, colons, or equal signs (,:=).";
        for (String bad :
                List.of("short", "aaaaaaaaaaaaaaaa", "has,comma-12345", "has:colon-12345", "has=equal-1234")) {
            this.assertBad(
                    request("a", "SINGLE_INSTANCE", List.of(new User(null, null, bad, "admin", null))),
                    "password",
                    password);
        }

        this.assertBad(
                request("a", "SINGLE_INSTANCE", List.of(user("admin", true, "a b"))),
                "groups",
                "Group names must be 2-100 characters long and contain only letters, numbers, dashes, periods,"
                        + " underscores, and tildes (- . _ ~).");
        String[] groups = new String[21];
        for (int i = 0; i < groups.length; i++) {
            groups[i] = "group" + i;
        }

        this.assertBad(
                request("a", "SINGLE_INSTANCE", List.of(user("admin", true, groups))),
                "groups",
                "A user can belong to at most 20 groups.");
        this.assertBad(
                with(request("a"), "tags", Map.of("aws:owner", "me")),
                "tags",
                "Tag keys must be 1-128 characters long and must not begin with aws:.");
        this.assertBad(
                with(request("a"), "tags", Map.of("k", "v".repeat(257))),
                "tags",
                "Tag values must be at most 256 characters long.");
        this.assertBad(with(request("a"), "tags", tags(51)), "tags", "A resource can have at most 50 tags.");
        this.assertBad(
                with(request("a"), "maintenanceWindowStartTime", new WeeklyStartTime("FUNDAY", "00:00", "UTC")),
                "maintenanceWindowStartTime",
                "Day of week [FUNDAY] is invalid. Valid values are: [FRIDAY, MONDAY, SATURDAY, SUNDAY, THURSDAY,"
                        + " TUESDAY, WEDNESDAY].");
    }

    static Map<String, String> tags(int count) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            tags.put("k" + i, "v");
        }

        return tags;
    }

    /** A copy of a request with one member changed. */
    static CreateBrokerRequest with(CreateBrokerRequest r, String member, @Nullable Object value) {
        return new CreateBrokerRequest(
                member.equals("authenticationStrategy") ? (String) value : r.authenticationStrategy(),
                r.autoMinorVersionUpgrade(),
                r.brokerName(),
                member.equals("configuration") ? (ConfigurationId) value : r.configuration(),
                r.creatorRequestId(),
                r.deploymentMode(),
                r.encryptionOptions(),
                member.equals("engineType") ? (String) value : r.engineType(),
                member.equals("engineVersion") ? (String) value : r.engineVersion(),
                member.equals("hostInstanceType") ? (String) value : r.hostInstanceType(),
                r.ldapServerMetadata(),
                r.logs(),
                member.equals("maintenanceWindowStartTime") ? (WeeklyStartTime) value : r.maintenanceWindowStartTime(),
                member.equals("publiclyAccessible") ? (Boolean) value : r.publiclyAccessible(),
                r.securityGroups(),
                member.equals("storageType") ? (String) value : r.storageType(),
                r.subnetIds(),
                member.equals("tags") ? castTags(value) : r.tags(),
                r.users(),
                r.dataReplicationMode(),
                r.dataReplicationPrimaryBrokerArn());
    }

    @SuppressWarnings("unchecked")
    private static @Nullable Map<String, String> castTags(@Nullable Object value) {
        return (Map<String, String>) value;
    }

    @Test
    void anUnknownBrokerIsNotFound() {
        String message = "Can't find requested broker [nope]. Make sure your broker exists.";
        assertError(() -> this.describe("nope"), MqError.NotFound, "broker-id", message);
        assertError(
                () -> this.engine.deleteBroker(CONTEXT, new DeleteBrokerRequest("nope")),
                MqError.NotFound,
                "broker-id",
                message);
        assertError(() -> this.reboot("nope"), MqError.NotFound, "broker-id", message);
        assertError(
                () -> this.engine.listUsers(CONTEXT, new ListUsersRequest("nope", null, null)),
                MqError.NotFound,
                "broker-id",
                message);
        assertError(() -> this.describe(null), MqError.BadRequest, "broker-id", "The request must include broker-id.");
    }

    @Test
    void anotherAccountSeesNeitherTheBrokerNorItsTags() {
        String id = this.create("orders");
        assertError(
                () -> this.engine.describeBroker(OTHER, new DescribeBrokerRequest(id)),
                MqError.NotFound,
                "broker-id",
                "Can't find requested broker [" + id + "]. Make sure your broker exists.");
        assertThat(this.engine
                        .listBrokers(OTHER, new ListBrokersRequest(null, null))
                        .brokerSummaries())
                .isEmpty();
    }

    @Test
    void listBrokersPagesThroughTheAccountsBrokers() {
        String a = this.create("a");
        String b = this.create("b");
        ListBrokersResponse first = this.engine.listBrokers(CONTEXT, new ListBrokersRequest(1, null));
        assertThat(first.brokerSummaries()).singleElement().satisfies(s -> {
            assertThat(s.brokerId()).isEqualTo(a);
            assertThat(s.brokerName()).isEqualTo("a");
            assertThat(s.deploymentMode()).isEqualTo("SINGLE_INSTANCE");
            assertThat(s.engineType()).isEqualTo("ActiveMQ");
            assertThat(s.hostInstanceType()).isEqualTo("mq.m5.large");
            assertThat(s.created()).isEqualTo(this.clock.instant());
        });
        assertThat(first.nextToken()).isNotNull();
        ListBrokersResponse second = this.engine.listBrokers(CONTEXT, new ListBrokersRequest(1, first.nextToken()));
        assertThat(second.brokerSummaries()).extracting(s -> s.brokerId()).containsExactly(b);
        assertThat(second.nextToken()).isNull();
        assertError(
                () -> this.engine.listBrokers(CONTEXT, new ListBrokersRequest(0, null)),
                MqError.BadRequest,
                "maxResults",
                "The maximum number of results must be between 1 and 100.");
        for (String token : List.of("garbage!", "OTk5", "LTE")) {
            assertError(
                    () -> this.engine.listBrokers(CONTEXT, new ListBrokersRequest(null, token)),
                    MqError.BadRequest,
                    "nextToken",
                    "The next token is invalid.");
        }
    }

    @Test
    void updateBrokerKeepsItsChangesPendingUntilTheReboot() {
        String id = this.running("orders");
        UpdateBrokerResponse updated = this.engine.updateBroker(
                CONTEXT,
                new UpdateBrokerRequest(
                        "SIMPLE",
                        false,
                        id,
                        null,
                        "5.18",
                        "mq.m5.xlarge",
                        null,
                        new Logs(false, true),
                        new WeeklyStartTime("FRIDAY", "22:00", "UTC"),
                        List.of("sg-2"),
                        null));
        assertThat(updated.brokerId()).isEqualTo(id);
        assertThat(updated.hostInstanceType()).isEqualTo("mq.m5.xlarge");
        assertThat(updated.autoMinorVersionUpgrade()).isFalse();
        assertThat(updated.logs()).isEqualTo(new Logs(false, true));
        assertThat(updated.configuration()).isNull();
        DescribeBrokerResponse pending = this.describe(id);
        assertThat(pending.hostInstanceType()).isEqualTo("mq.m5.large");
        assertThat(pending.pendingHostInstanceType()).isEqualTo("mq.m5.xlarge");
        assertThat(pending.pendingEngineVersion()).isNull();
        assertThat(pending.pendingAuthenticationStrategy()).isEqualTo("SIMPLE");
        assertThat(pending.pendingSecurityGroups()).containsExactly("sg-2");
        assertThat(pending.maintenanceWindowStartTime()).isEqualTo(new WeeklyStartTime("FRIDAY", "22:00", "UTC"));
        assertThat(pending.logs().general()).isTrue();

        this.reboot(id);
        assertThat(this.describe(id).brokerState()).isIn("REBOOT_IN_PROGRESS", "RUNNING");
        this.awaitState(id, "RUNNING");
        DescribeBrokerResponse applied = this.describe(id);
        assertThat(applied.hostInstanceType()).isEqualTo("mq.m5.xlarge");
        assertThat(applied.pendingHostInstanceType()).isNull();
        assertThat(applied.securityGroups()).containsExactly("sg-2");
        assertThat(applied.pendingSecurityGroups()).isNull();
        assertThat(this.runtime.launched()).hasSize(2);
        assertThat(this.runtime.launched().get(0).stopped()).isTrue();
    }

    @Test
    void updateBrokerChecksItsMembers() {
        String id = this.create("orders");
        assertError(
                () -> this.engine.updateBroker(
                        CONTEXT,
                        new UpdateBrokerRequest("LDAP", null, id, null, null, null, null, null, null, null, null)),
                MqError.BadRequest,
                "authenticationStrategy",
                "Wharf's brokers authenticate with SIMPLE only, not LDAP.");
        assertError(
                () -> this.engine.updateBroker(
                        CONTEXT,
                        new UpdateBrokerRequest(null, null, id, null, "6.0", null, null, null, null, null, null)),
                MqError.BadRequest,
                "engineVersion",
                "Broker engine version [6.0] is not supported. Wharf runs ActiveMQ 5.18.");
        assertError(
                () -> this.engine.updateBroker(
                        CONTEXT,
                        new UpdateBrokerRequest(
                                null,
                                null,
                                id,
                                null,
                                null,
                                null,
                                null,
                                null,
                                new WeeklyStartTime("NEVER", null, null),
                                null,
                                null)),
                MqError.BadRequest,
                "maintenanceWindowStartTime",
                "Day of week [NEVER] is invalid. Valid values are: [FRIDAY, MONDAY, SATURDAY, SUNDAY, THURSDAY,"
                        + " TUESDAY, WEDNESDAY].");
        String pair = this.engine
                .createBroker(CONTEXT, request("pair", "ACTIVE_STANDBY_MULTI_AZ", List.of(user("admin", true))))
                .brokerId();
        assertError(
                () -> this.engine.updateBroker(
                        CONTEXT,
                        new UpdateBrokerRequest(
                                null, null, pair, null, null, "mq.t3.micro", null, null, null, null, null)),
                MqError.BadRequest,
                "hostInstanceType",
                "Broker host instance type [mq.t3.micro] does not support ACTIVE_STANDBY_MULTI_AZ.");
        assertError(
                () -> this.engine.updateBroker(
                        CONTEXT,
                        new UpdateBrokerRequest(
                                null,
                                null,
                                id,
                                new ConfigurationId(null, null),
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null)),
                MqError.BadRequest,
                "configuration.id",
                "The request must include configuration.id.");
    }

    @Test
    void onlyARunningBrokerCanBeRebooted() {
        this.runtime.mode(FakeRuntime.Mode.HANG);
        String id = this.create("orders");
        assertError(
                () -> this.reboot(id),
                MqError.BadRequest,
                "broker-id",
                "Broker [" + id + "] is CREATION_IN_PROGRESS; only a RUNNING broker can be rebooted.");
        this.runtime.mode(FakeRuntime.Mode.UP);
    }

    @Test
    void deleteBrokerStopsItsInstancesAndRemovesItsData() throws Exception {
        String id = this.running("orders");
        Files.createDirectories(this.data.resolve(id).resolve("kahadb"));
        Files.writeString(this.data.resolve(id).resolve("kahadb").resolve("db.data"), "x");
        assertThat(this.engine
                        .deleteBroker(CONTEXT, new DeleteBrokerRequest(id))
                        .brokerId())
                .isEqualTo(id);
        await().atMost(WAIT)
                .untilAsserted(() -> assertError(
                        () -> this.describe(id),
                        MqError.NotFound,
                        "broker-id",
                        "Can't find requested broker [" + id + "]. Make sure your broker exists."));
        assertThat(this.runtime.launched().get(0).stopped()).isTrue();
        assertThat(this.data.resolve(id)).doesNotExist();
        assertThat(MqEngine.holdsBrokers(this.store)).isFalse();
    }

    @Test
    void aBrokerBeingDeletedIsDeletionInProgressAndCanBeDeletedAgain() {
        this.runtime.mode(FakeRuntime.Mode.HANG);
        String first = this.create("first");
        String second = this.create("second");
        await().atMost(WAIT).until(() -> this.runtime.launched().size() == 1);
        this.engine.deleteBroker(CONTEXT, new DeleteBrokerRequest(second));
        assertThat(this.describe(second).brokerState()).isEqualTo("DELETION_IN_PROGRESS");
        assertThat(this.engine
                        .deleteBroker(CONTEXT, new DeleteBrokerRequest(second))
                        .brokerId())
                .isEqualTo(second);
        assertThat(this.engine.createBroker(CONTEXT, request("second")).brokerId())
                .isNotEqualTo(second);
        this.runtime.mode(FakeRuntime.Mode.UP);
        this.awaitState(first, "RUNNING");
    }

    @Test
    void aBrokerDeletedBeforeItStartedIsNeverLaunched() {
        this.runtime.mode(FakeRuntime.Mode.HANG);
        String first = this.create("first");
        await().atMost(WAIT).until(() -> this.runtime.launched().size() == 1);
        String second = this.create("second");
        this.engine.deleteBroker(CONTEXT, new DeleteBrokerRequest(second));
        this.runtime.mode(FakeRuntime.Mode.UP);
        await().atMost(WAIT)
                .until(() -> this.engine
                                .listBrokers(CONTEXT, new ListBrokersRequest(null, null))
                                .brokerSummaries()
                                .size()
                        == 1);
        assertThat(this.runtime.launches())
                .extracting(InstanceLaunch::instanceName)
                .containsExactly(first + "-1");
    }

    @Test
    void usersChangesArePendingUntilTheReboot() {
        String id = this.running("orders");
        this.engine.createUser(CONTEXT, new CreateUserRequest(id, false, List.of("apps"), PASSWORD, "app", null));
        assertThat(this.engine.describeUser(CONTEXT, new DescribeUserRequest(id, "app")))
                .isEqualTo(new DescribeUserResponse(
                        id,
                        false,
                        List.of("apps"),
                        new UserPendingChanges(false, List.of("apps"), "CREATE"),
                        "app",
                        false));
        this.engine.updateUser(
                CONTEXT, new UpdateUserRequest(id, true, List.of("admins"), "another-password-1", "admin", null));
        assertThat(this.engine.describeUser(CONTEXT, new DescribeUserRequest(id, "admin")))
                .isEqualTo(new DescribeUserResponse(
                        id,
                        true,
                        List.of("admins"),
                        new UserPendingChanges(true, List.of("admins"), "UPDATE"),
                        "admin",
                        false));
        this.engine.createUser(CONTEXT, new CreateUserRequest(id, null, null, PASSWORD, "gone", null));
        this.engine.deleteUser(CONTEXT, new DeleteUserRequest(id, "gone"));
        ListUsersResponse listed = this.engine.listUsers(CONTEXT, new ListUsersRequest(id, null, null));
        assertThat(listed.users())
                .containsExactly(new UserSummary("UPDATE", "admin"), new UserSummary("CREATE", "app"));
        assertThat(listed.maxResults()).isEqualTo(100);
        assertThat(this.runtime.launches().get(0).users())
                .extracting(InstanceLaunch.Login::username)
                .containsExactly("admin");

        this.reboot(id);
        this.awaitState(id, "RUNNING");
        assertThat(this.runtime.launches().get(1).users())
                .containsExactly(
                        new InstanceLaunch.Login("admin", "another-password-1", Set.of("admins"), true),
                        new InstanceLaunch.Login("app", PASSWORD, Set.of("apps"), false));
        assertThat(this.engine
                        .describeUser(CONTEXT, new DescribeUserRequest(id, "app"))
                        .pending())
                .isNull();

        this.engine.deleteUser(CONTEXT, new DeleteUserRequest(id, "app"));
        assertThat(this.engine
                        .listUsers(CONTEXT, new ListUsersRequest(id, 5, null))
                        .users())
                .contains(new UserSummary("DELETE", "app"));
        this.engine.createUser(CONTEXT, new CreateUserRequest(id, true, null, "brand-new-pass-1", "app", null));
        assertThat(this.engine
                        .describeUser(CONTEXT, new DescribeUserRequest(id, "app"))
                        .pending())
                .isEqualTo(new UserPendingChanges(true, List.of(), "UPDATE"));
        this.engine.deleteUser(CONTEXT, new DeleteUserRequest(id, "app"));
        this.reboot(id);
        this.awaitState(id, "RUNNING");
        assertThat(this.engine
                        .listUsers(CONTEXT, new ListUsersRequest(id, null, null))
                        .users())
                .containsExactly(new UserSummary(null, "admin"));
        assertThat(this.runtime.launches().get(2).users())
                .extracting(InstanceLaunch.Login::username)
                .containsExactly("admin");
    }

    @Test
    void userOperationsReportTheirErrors() {
        String id = this.create("orders");
        assertError(
                () -> this.engine.createUser(CONTEXT, new CreateUserRequest(id, null, null, PASSWORD, "admin", null)),
                MqError.Conflict,
                "username",
                "User [admin] already exists.");
        String missing = "Can't find requested user [ghost]. Make sure your user exists.";
        assertError(
                () -> this.engine.describeUser(CONTEXT, new DescribeUserRequest(id, "ghost")),
                MqError.NotFound,
                "username",
                missing);
        assertError(
                () -> this.engine.updateUser(CONTEXT, new UpdateUserRequest(id, null, null, null, "ghost", null)),
                MqError.NotFound,
                "username",
                missing);
        assertError(
                () -> this.engine.deleteUser(CONTEXT, new DeleteUserRequest(id, "ghost")),
                MqError.NotFound,
                "username",
                missing);
        assertError(
                () -> this.engine.updateUser(CONTEXT, new UpdateUserRequest(id, null, null, "short", "admin", null)),
                MqError.BadRequest,
                "password",
                "Password is invalid. Enter a password 12 to 250 characters long, with at least 4 unique characters,"
                        + " and without commas, colons, or equal signs (,:=).");
        assertError(
                () -> this.engine.updateUser(
                        CONTEXT, new UpdateUserRequest(id, null, List.of("x"), null, "admin", null)),
                MqError.BadRequest,
                "groups",
                "Group names must be 2-100 characters long and contain only letters, numbers, dashes, periods,"
                        + " underscores, and tildes (- . _ ~).");
        assertError(
                () -> this.engine.createUser(CONTEXT, new CreateUserRequest(id, null, null, PASSWORD, null, null)),
                MqError.BadRequest,
                "username",
                "The request must include username.");
        assertError(
                () -> this.engine.listUsers(CONTEXT, new ListUsersRequest(id, 4, null)),
                MqError.BadRequest,
                "maxResults",
                "The maximum number of results must be between 5 and 100.");
    }

    @Test
    void aBrokerHoldsTwoHundredFiftyUsersAtMost() {
        List<User> users = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            users.add(user("user" + i, false));
        }

        String id = this.engine
                .createBroker(CONTEXT, request("full", "SINGLE_INSTANCE", users))
                .brokerId();
        assertError(
                () -> this.engine.createUser(
                        CONTEXT, new CreateUserRequest(id, null, null, PASSWORD, "one-more", null)),
                MqError.BadRequest,
                "username",
                "A broker can have at most 250 users.");
        ListUsersResponse page = this.engine.listUsers(CONTEXT, new ListUsersRequest(id, 100, null));
        assertThat(page.users()).hasSize(100);
        assertThat(page.nextToken()).isNotNull();
    }

    @Test
    void promoteIsRefusedForABrokerThatIsNoReplica() {
        String id = this.create("orders");
        assertError(
                () -> this.engine.promote(CONTEXT, new PromoteRequest(id, "SWITCHOVER")),
                MqError.BadRequest,
                "broker-id",
                "Broker [" + id + "] is not a replica of a cross-region data replication (CRDR) pair; only a replica"
                        + " can be promoted.");
        assertError(
                () -> this.engine.promote(CONTEXT, new PromoteRequest(id, "SIDEWAYS")),
                MqError.BadRequest,
                "mode",
                "Promote mode [SIDEWAYS] is invalid. Valid values are: [FAILOVER, SWITCHOVER].");
        assertError(
                () -> this.engine.promote(CONTEXT, new PromoteRequest(id, null)),
                MqError.BadRequest,
                "mode",
                "The request must include mode.");
    }

    @Test
    void brokerTagsAreAddedListedAndRemoved() {
        String id = this.create("orders");
        String arn = this.describe(id).brokerArn();
        this.engine.createTags(CONTEXT, new CreateTagsRequest(arn, Map.of("env", "test")));
        assertThat(this.engine.listTags(CONTEXT, new ListTagsRequest(arn)).tags())
                .isEqualTo(Map.of("team", "a", "env", "test"));
        this.engine.deleteTags(CONTEXT, new DeleteTagsRequest(arn, List.of("team", "absent")));
        assertThat(this.engine.listTags(CONTEXT, new ListTagsRequest(arn)).tags())
                .isEqualTo(Map.of("env", "test"));
        assertError(
                () -> this.engine.createTags(CONTEXT, new CreateTagsRequest(arn, tags(50))),
                MqError.BadRequest,
                "tags",
                "A resource can have at most 50 tags.");
        assertError(
                () -> this.engine.deleteTags(CONTEXT, new DeleteTagsRequest(arn, null)),
                MqError.BadRequest,
                "tagKeys",
                "The request must include tagKeys.");
        String unknown = "arn:aws:mq:us-east-1:123456789012:broker:x:b-x";
        assertError(
                () -> this.engine.listTags(CONTEXT, new ListTagsRequest(unknown)),
                MqError.NotFound,
                "resource-arn",
                "Can't find requested resource [" + unknown + "]. Make sure your resource exists.");
        assertError(
                () -> this.engine.listTags(OTHER, new ListTagsRequest(arn)),
                MqError.NotFound,
                "resource-arn",
                "Can't find requested resource [" + arn + "]. Make sure your resource exists.");
        assertError(
                () -> this.engine.listTags(CONTEXT, new ListTagsRequest(null)),
                MqError.BadRequest,
                "resource-arn",
                "The request must include resource-arn.");
    }

    @Test
    void describeBrokerEngineTypesListsActiveMq518() {
        DescribeBrokerEngineTypesResponse all =
                this.engine.describeBrokerEngineTypes(CONTEXT, new DescribeBrokerEngineTypesRequest(null, null, null));
        assertThat(all.brokerEngineTypes()).singleElement().satisfies(type -> {
            assertThat(type.engineType()).isEqualTo("ACTIVEMQ");
            assertThat(type.engineVersions()).extracting(v -> v.name()).containsExactly("5.18");
        });
        assertThat(all.maxResults()).isEqualTo(100);
        assertThat(this.engine
                        .describeBrokerEngineTypes(CONTEXT, new DescribeBrokerEngineTypesRequest("RABBITMQ", 5, null))
                        .brokerEngineTypes())
                .isEmpty();
        assertError(
                () -> this.engine.describeBrokerEngineTypes(
                        CONTEXT, new DescribeBrokerEngineTypesRequest("IBMMQ", null, null)),
                MqError.BadRequest,
                "engineType",
                "Broker engine type [IBMMQ] is invalid. Valid values are: [ACTIVEMQ, RABBITMQ].");
        assertError(
                () -> this.engine.describeBrokerEngineTypes(
                        CONTEXT, new DescribeBrokerEngineTypesRequest(null, 101, null)),
                MqError.BadRequest,
                "maxResults",
                "The maximum number of results must be between 5 and 100.");
    }

    @Test
    void describeBrokerInstanceOptionsListsTheInstanceTypesAndStorage() {
        DescribeBrokerInstanceOptionsResponse all = this.engine.describeBrokerInstanceOptions(
                CONTEXT, new DescribeBrokerInstanceOptionsRequest(null, null, null, null, null));
        assertThat(all.brokerInstanceOptions()).hasSize(9);
        assertThat(all.brokerInstanceOptions().get(0)).satisfies(option -> {
            assertThat(option.hostInstanceType()).isEqualTo("mq.t3.micro");
            assertThat(option.storageType()).isEqualTo("EFS");
            assertThat(option.supportedDeploymentModes()).containsExactly("SINGLE_INSTANCE");
            assertThat(option.supportedEngineVersions()).containsExactly("5.18");
            assertThat(option.availabilityZones())
                    .extracting(z -> z.name())
                    .containsExactly("us-east-1a", "us-east-1b", "us-east-1c");
        });
        DescribeBrokerInstanceOptionsResponse large = this.engine.describeBrokerInstanceOptions(
                CONTEXT, new DescribeBrokerInstanceOptionsRequest("ACTIVEMQ", "mq.m5.large", null, null, "EBS"));
        assertThat(large.brokerInstanceOptions()).singleElement().satisfies(option -> assertThat(
                        option.supportedDeploymentModes())
                .containsExactly("SINGLE_INSTANCE", "ACTIVE_STANDBY_MULTI_AZ"));
        DescribeBrokerInstanceOptionsResponse page = this.engine.describeBrokerInstanceOptions(
                CONTEXT, new DescribeBrokerInstanceOptionsRequest(null, null, 5, null, null));
        assertThat(page.brokerInstanceOptions()).hasSize(5);
        DescribeBrokerInstanceOptionsResponse rest = this.engine.describeBrokerInstanceOptions(
                CONTEXT, new DescribeBrokerInstanceOptionsRequest(null, null, 5, page.nextToken(), null));
        assertThat(rest.brokerInstanceOptions()).hasSize(4);
        assertThat(rest.nextToken()).isNull();
        assertThat(this.engine
                        .describeBrokerInstanceOptions(
                                CONTEXT, new DescribeBrokerInstanceOptionsRequest("RABBITMQ", null, null, null, null))
                        .brokerInstanceOptions())
                .isEmpty();
        assertError(
                () -> this.engine.describeBrokerInstanceOptions(
                        CONTEXT, new DescribeBrokerInstanceOptionsRequest(null, null, null, null, "TAPE")),
                MqError.BadRequest,
                "storageType",
                "Broker storage type [TAPE] is invalid. Valid values are: [EBS, EFS].");
    }

    @Test
    void aRestartedEngineBringsItsRunningBrokersBackAndFinishesDeletions() {
        String kept = this.running("kept");
        this.runtime.mode(FakeRuntime.Mode.HANG);
        String deleted = this.create("deleted");
        this.engine.deleteBroker(CONTEXT, new DeleteBrokerRequest(deleted));
        this.engine.close();
        assertThat(this.runtime.closed()).isTrue();

        FakeRuntime second = new FakeRuntime();
        second.mode(FakeRuntime.Mode.HANG);
        this.engine = this.engine(3, () -> second);
        assertThat(this.describe(kept).brokerState()).isEqualTo("REBOOT_IN_PROGRESS");
        second.mode(FakeRuntime.Mode.UP);
        this.awaitState(kept, "RUNNING");
        assertThat(this.describe(kept).users()).containsExactly(new UserSummary(null, "admin"));
        assertThat(second.launches()).extracting(InstanceLaunch::instanceName).containsExactly(kept + "-1");
        await().atMost(WAIT)
                .until(() -> this.engine
                                .listBrokers(CONTEXT, new ListBrokersRequest(null, null))
                                .brokerSummaries()
                                .size()
                        == 1);
        assertThat(MqEngine.holdsBrokers(this.store)).isTrue();
    }

    @Test
    void anInstanceThatFailsLeavesTheBrokerCreationFailedWithTheReason() {
        this.runtime.mode(FakeRuntime.Mode.FAIL);
        String id = this.create("orders");
        this.awaitState(id, "CREATION_FAILED");
        DescribeBrokerResponse failed = this.describe(id);
        assertThat(failed.actionsRequired())
                .containsExactly(new ActionRequired("BROKER_START_FAILED", id + "-1 failed: boom"));
        assertThat(failed.brokerInstances()).isEmpty();
        assertError(
                () -> this.reboot(id),
                MqError.BadRequest,
                "broker-id",
                "Broker [" + id + "] is CREATION_FAILED; only a RUNNING broker can be rebooted.");
    }

    @Test
    void aRebootThatFailsLeavesTheBrokerCriticalAndASecondRebootRecovers() {
        String id = this.running("orders");
        this.runtime.mode(FakeRuntime.Mode.FAIL);
        this.reboot(id);
        this.awaitState(id, "CRITICAL_ACTION_REQUIRED");
        assertThat(this.describe(id).actionsRequired())
                .containsExactly(new ActionRequired("BROKER_START_FAILED", id + "-1 failed: boom"));
        this.runtime.mode(FakeRuntime.Mode.UP);
        this.reboot(id);
        this.awaitState(id, "RUNNING");
        assertThat(this.describe(id).actionsRequired()).isNull();
    }

    @Test
    void aLaunchThatThrowsDuringARebootLeavesTheBrokerCritical() {
        String id = this.running("orders");
        this.runtime.mode(FakeRuntime.Mode.THROW);
        this.reboot(id);
        this.awaitState(id, "CRITICAL_ACTION_REQUIRED");
        assertThat(this.describe(id).actionsRequired())
                .containsExactly(new ActionRequired("BROKER_START_FAILED", "launch refused"));
    }

    @Test
    void anInstanceThatDoesNotStartInTimeLeavesTheBrokerCreationFailed() {
        this.runtime.mode(FakeRuntime.Mode.HANG);
        String id = this.create("orders");
        await().atMost(WAIT).until(() -> {
            this.clock.advance(Duration.ofSeconds(6));
            return this.describe(id).brokerState().equals("CREATION_FAILED");
        });
        assertThat(this.describe(id).actionsRequired())
                .containsExactly(new ActionRequired("BROKER_START_FAILED", id + "-1 did not start within 5 s"));
    }

    @Test
    void aRuntimeThatCannotBeLoadedLeavesTheBrokerCreationFailedNotAnException() {
        this.engine = this.engine(3, () -> {
            throw new IllegalStateException("the brokers' runtime cannot be loaded");
        });
        String id = this.create("orders");
        this.awaitState(id, "CREATION_FAILED");
        assertThat(this.describe(id).actionsRequired())
                .containsExactly(new ActionRequired("BROKER_START_FAILED", "the brokers' runtime cannot be loaded"));
        String next = this.create("next");
        this.awaitState(next, "CREATION_FAILED");
    }

    @Test
    void settingsRefuseAPortRangeOutsideTheUnprivilegedPorts() {
        InstanceLaunch.Limits limits = new InstanceLaunch.Limits(0L, 0L, 0L);
        assertThatThrownBy(() -> new MqSettings(this.data, "h", 80, 1, limits, null, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the brokers' port range must lie within 1024-65535");
        assertThatThrownBy(() -> new MqSettings(this.data, "h", 65000, 100, limits, null, Duration.ZERO))
                .hasMessage("the brokers' port range must lie within 1024-65535");
        assertThatThrownBy(() -> new MqSettings(this.data, "h", 2000, 0, limits, null, Duration.ZERO))
                .hasMessage("maxBrokers must be at least 1");
        MqSettings defaults = MqSettings.defaults(this.data);
        assertThat(defaults.portBase()).isEqualTo(62000);
        assertThat(defaults.maxBrokers()).isEqualTo(20);
        assertThat(defaults.startTimeout()).isEqualTo(Duration.ofMinutes(2));
    }
}
