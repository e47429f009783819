package dev.wharf.mq.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.mq.api.ActionRequired;
import dev.wharf.mq.api.AvailabilityZone;
import dev.wharf.mq.api.BrokerEngineType;
import dev.wharf.mq.api.BrokerInstanceOption;
import dev.wharf.mq.api.BrokerSummary;
import dev.wharf.mq.api.ConfigurationId;
import dev.wharf.mq.api.Configurations;
import dev.wharf.mq.api.CreateBrokerRequest;
import dev.wharf.mq.api.CreateBrokerResponse;
import dev.wharf.mq.api.CreateTagsRequest;
import dev.wharf.mq.api.CreateUserRequest;
import dev.wharf.mq.api.CreateUserResponse;
import dev.wharf.mq.api.DeleteBrokerRequest;
import dev.wharf.mq.api.DeleteBrokerResponse;
import dev.wharf.mq.api.DeleteConfigurationRequest;
import dev.wharf.mq.api.DeleteConfigurationResponse;
import dev.wharf.mq.api.DeleteTagsRequest;
import dev.wharf.mq.api.DeleteUserRequest;
import dev.wharf.mq.api.DeleteUserResponse;
import dev.wharf.mq.api.DescribeBrokerEngineTypesRequest;
import dev.wharf.mq.api.DescribeBrokerEngineTypesResponse;
import dev.wharf.mq.api.DescribeBrokerInstanceOptionsRequest;
import dev.wharf.mq.api.DescribeBrokerInstanceOptionsResponse;
import dev.wharf.mq.api.DescribeBrokerRequest;
import dev.wharf.mq.api.DescribeBrokerResponse;
import dev.wharf.mq.api.DescribeUserRequest;
import dev.wharf.mq.api.DescribeUserResponse;
import dev.wharf.mq.api.EngineVersion;
import dev.wharf.mq.api.ListBrokersRequest;
import dev.wharf.mq.api.ListBrokersResponse;
import dev.wharf.mq.api.ListTagsRequest;
import dev.wharf.mq.api.ListTagsResponse;
import dev.wharf.mq.api.ListUsersRequest;
import dev.wharf.mq.api.ListUsersResponse;
import dev.wharf.mq.api.Logs;
import dev.wharf.mq.api.LogsSummary;
import dev.wharf.mq.api.MqContext;
import dev.wharf.mq.api.MqError;
import dev.wharf.mq.api.PromoteRequest;
import dev.wharf.mq.api.PromoteResponse;
import dev.wharf.mq.api.RebootBrokerRequest;
import dev.wharf.mq.api.RebootBrokerResponse;
import dev.wharf.mq.api.UpdateBrokerRequest;
import dev.wharf.mq.api.UpdateBrokerResponse;
import dev.wharf.mq.api.UpdateUserRequest;
import dev.wharf.mq.api.UpdateUserResponse;
import dev.wharf.mq.api.User;
import dev.wharf.mq.api.UserPendingChanges;
import dev.wharf.mq.api.UserSummary;
import dev.wharf.mq.api.WeeklyStartTime;
import dev.wharf.storage.BrokerBatch;
import dev.wharf.storage.BrokerStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Amazon MQ: brokers with their users, tags and pending changes, engine types and instance options, over the storage
 * SPI, with the configurations in a {@link ConfigurationBook}. Each broker's instances run through a {@link
 * BrokerRuntime}, started and stopped by the {@link Lifecycle} off the request threads. Thread-safe: its operations
 * hold its monitor, and never wait for a broker.
 */
public final class MqEngine implements AutoCloseable {
    private static final ObjectMapper JSON =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    static final String BROKER_PREFIX = "broker/";
    private static final String ACTIVE_STANDBY = "ACTIVE_STANDBY_MULTI_AZ";
    private final BrokerStore store;
    private final Clock clock;
    private final MqSettings settings;
    private final Lifecycle lifecycle;
    private final ConfigurationBook configurations;
    private final Map<String, BrokerRecord> brokers = new LinkedHashMap<>();
    private final Map<String, Lifecycle.Live> live = new LinkedHashMap<>();

    public MqEngine(BrokerStore store, Clock clock, MqSettings settings, Supplier<BrokerRuntime> runtimes) {
        this.store = store;
        this.clock = clock;
        this.settings = settings;
        this.lifecycle = new Lifecycle(runtimes, settings.startTimeout(), clock);
        this.configurations = new ConfigurationBook(store, clock);
        List<BrokerRecord> stored = new ArrayList<>();
        store.scan("broker/", (key, value) -> stored.add(read(value, BrokerRecord.class)));
        synchronized (this) {
            for (BrokerRecord broker : stored) {
                this.brokers.put(broker.id, broker);
                Lifecycle.Live state =
                        new Lifecycle.Live(broker.id, broker.live ? "REBOOT_IN_PROGRESS" : "DELETION_IN_PROGRESS");
                this.live.put(broker.id, state);
                if (broker.live) {
                    this.lifecycle.submit(() -> this.lifecycle.start(
                            state, broker.instances(), i -> this.launch(broker, i), "CRITICAL_ACTION_REQUIRED"));
                } else {
                    this.lifecycle.submit(() -> this.finishDeletion(broker, state));
                }
            }
        }
    }

    public static Supplier<BrokerRuntime> defaultRuntime(int maxBrokers) {
        return () -> MqLibraries.runtime(maxBrokers * 2);
    }

    public static boolean holdsBrokers(BrokerStore store) {
        boolean[] any = new boolean[] {false};
        store.scan("broker/", (key, value) -> any[0] = true);
        return any[0];
    }

    public CreateBrokerResponse createBroker(MqContext context, CreateBrokerRequest request) {
        String name = MqChecks.required(request.brokerName(), "brokerName");
        MqChecks.brokerName(name);
        String mode = MqChecks.required(request.deploymentMode(), "deploymentMode");
        MqChecks.oneOf(mode, MqChecks.DEPLOYMENT_MODES, "deploymentMode", "Broker deployment mode");
        String engineType = MqChecks.required(request.engineType(), "engineType");
        MqChecks.oneOf(engineType, MqChecks.ENGINE_TYPES, "engineType", "Broker engine type");
        if (!engineType.equals("RABBITMQ") && !mode.equals("CLUSTER_MULTI_AZ")) {
            MqChecks.engineVersion(request.engineVersion());
            String instanceType = MqChecks.required(request.hostInstanceType(), "hostInstanceType");
            MqChecks.hostInstanceType(instanceType);
            if (mode.equals(ACTIVE_STANDBY) && instanceType.equals("mq.t3.micro")) {
                throw MqChecks.bad(
                        "hostInstanceType",
                        "Broker host instance type [mq.t3.micro] does not support ACTIVE_STANDBY_MULTI_AZ.");
            }

            boolean publiclyAccessible = MqChecks.required(request.publiclyAccessible(), "publiclyAccessible");
            MqChecks.oneOf(request.storageType(), MqChecks.STORAGE_TYPES, "storageType", "Broker storage type");
            MqChecks.oneOf(
                    request.authenticationStrategy(),
                    MqChecks.AUTHENTICATION,
                    "authenticationStrategy",
                    "Authentication strategy");
            if (request.authenticationStrategy() != null
                    && !request.authenticationStrategy().equals("SIMPLE")) {
                throw MqChecks.bad(
                        "authenticationStrategy", "Wharf's brokers authenticate with SIMPLE only, not LDAP.");
            }

            List<User> users = MqChecks.required(request.users(), "users");
            if (users.isEmpty()) {
                throw MqChecks.bad("users", "An ActiveMQ broker needs at least one user.");
            }

            if (users.size() > 250) {
                throw MqChecks.bad("users", "A broker can have at most 250 users.");
            }

            MqChecks.tags(request.tags(), 0);
            WeeklyStartTime window = request.maintenanceWindowStartTime();
            if (window != null) {
                MqChecks.oneOf(window.dayOfWeek(), MqChecks.DAYS, "maintenanceWindowStartTime", "Day of week");
            }

            BrokerRecord broker = new BrokerRecord();
            Set<String> usernames = new HashSet<>();

            for (User user : users) {
                BrokerRecord.UserRecord made = this.newUser(
                        MqChecks.required(user.username(), "username"),
                        MqChecks.required(user.password(), "password"),
                        user.groups(),
                        Boolean.TRUE.equals(user.consoleAccess()),
                        Boolean.TRUE.equals(user.replicationUser()));
                if (!usernames.add(made.username)) {
                    throw MqChecks.bad("users", "The user [" + made.username + "] is given twice.");
                }

                made.active = true;
                broker.users.add(made);
            }

            synchronized (this) {
                String requestId = request.creatorRequestId();

                for (BrokerRecord other : this.brokers.values()) {
                    if (other.live
                            && this.owned(context, other)
                            && requestId != null
                            && requestId.equals(other.creatorRequestId)) {
                        return new CreateBrokerResponse(other.arn(), other.id);
                    }
                }

                for (BrokerRecord other : this.brokers.values()) {
                    if (other.live && this.owned(context, other) && other.name.equals(name)) {
                        throw MqError.Conflict.with("brokerName", "Broker with name [" + name + "] already exists.");
                    }
                }

                if (this.brokers.size() >= this.settings.maxBrokers()) {
                    throw MqChecks.bad(
                            "brokerName",
                            "You have reached the limit of " + this.settings.maxBrokers()
                                    + " brokers this server runs.");
                }

                ConfigurationId configuration = request.configuration();
                if (configuration != null) {
                    String id = MqChecks.required(configuration.id(), "configuration.id");
                    int revision = this.configurations.revisionFor(context, id, configuration.revision());
                    broker.configuration = new BrokerRecord.ConfigRef(id, revision);
                }

                fill(broker, context, request, name, mode, instanceType, publiclyAccessible);
                broker.createdMillis = this.clock.millis();
                broker.portBlock = this.freePortBlock(broker.instances());
                this.brokers.put(broker.id, broker);
                this.persist(broker);
                Lifecycle.Live state = new Lifecycle.Live(broker.id, "CREATION_IN_PROGRESS");
                this.live.put(broker.id, state);
                this.lifecycle.submit(() -> this.lifecycle.start(
                        state, broker.instances(), i -> this.launch(broker, i), "CREATION_FAILED"));
                return new CreateBrokerResponse(broker.arn(), broker.id);
            }
        } else {
            throw MqChecks.bad(
                    engineType.equals("RABBITMQ") ? "engineType" : "deploymentMode",
                    "Wharf runs ActiveMQ brokers only (SINGLE_INSTANCE or ACTIVE_STANDBY_MULTI_AZ): RabbitMQ and CLUSTER_MULTI_AZ need a rabbitmq-server, which this server does not manage.");
        }
    }

    private static void fill(
            BrokerRecord broker,
            MqContext context,
            CreateBrokerRequest request,
            String name,
            String mode,
            String instanceType,
            boolean publiclyAccessible) {
        WeeklyStartTime window = request.maintenanceWindowStartTime();
        broker.id = "b-" + UUID.randomUUID();
        broker.accountId = context.accountId();
        broker.region = context.region();
        broker.name = name;
        broker.deploymentMode = mode;
        broker.engineVersion = "5.18";
        broker.hostInstanceType = instanceType;
        broker.storageType = request.storageType() == null ? "EFS" : request.storageType();
        broker.autoMinorVersionUpgrade = !Boolean.FALSE.equals(request.autoMinorVersionUpgrade());
        broker.publiclyAccessible = publiclyAccessible;
        broker.generalLogs =
                request.logs() != null && Boolean.TRUE.equals(request.logs().general());
        broker.auditLogs =
                request.logs() != null && Boolean.TRUE.equals(request.logs().audit());
        broker.creatorRequestId = request.creatorRequestId();
        broker.securityGroups =
                request.securityGroups() == null ? new ArrayList<>() : new ArrayList<>(request.securityGroups());
        broker.subnetIds = request.subnetIds() == null ? new ArrayList<>() : new ArrayList<>(request.subnetIds());
        if (window != null) {
            broker.maintenanceDay = window.dayOfWeek();
            broker.maintenanceTime = window.timeOfDay();
            broker.maintenanceZone = window.timeZone();
        } else {
            broker.maintenanceDay = "SUNDAY";
            broker.maintenanceTime = "00:00";
            broker.maintenanceZone = "UTC";
        }

        if (request.tags() != null) {
            broker.tags.putAll(request.tags());
        }
    }

    public synchronized DescribeBrokerResponse describeBroker(MqContext context, DescribeBrokerRequest request) {
        BrokerRecord broker = this.broker(context, request.brokerId());
        Lifecycle.Live state = this.state(broker);
        List<dev.wharf.mq.api.BrokerInstance> instances = new ArrayList<>();
        if (state.state.equals("RUNNING") || state.state.equals("REBOOT_IN_PROGRESS")) {
            for (int i = 0; i < broker.instances(); i++) {
                instances.add(this.instanceOf(broker, i));
            }
        }

        List<ActionRequired> actions =
                state.failure == null ? null : List.of(new ActionRequired("BROKER_START_FAILED", state.failure));
        List<UserSummary> users = broker.users.stream()
                .map(u -> new UserSummary(u.pendingChange, u.username))
                .toList();
        ConfigurationId current = broker.configuration == null ? null : ref(broker.configuration);
        Configurations configs = new Configurations(
                current,
                broker.configurationHistory.stream().map(MqEngine::ref).toList(),
                broker.pendingConfiguration == null ? null : ref(broker.pendingConfiguration));
        return new DescribeBrokerResponse(
                actions,
                broker.authenticationStrategy,
                broker.autoMinorVersionUpgrade,
                broker.arn(),
                broker.id,
                instances,
                broker.name,
                state.state,
                configs,
                Instant.ofEpochMilli(broker.createdMillis),
                broker.deploymentMode,
                null,
                "ActiveMQ",
                broker.engineVersion,
                broker.hostInstanceType,
                null,
                new LogsSummary(broker.auditLogs, null, broker.generalLogs, null, null),
                window(broker),
                broker.pendingAuthenticationStrategy,
                broker.pendingEngineVersion,
                broker.pendingHostInstanceType,
                null,
                broker.pendingSecurityGroups,
                broker.publiclyAccessible,
                broker.securityGroups,
                broker.storageType,
                broker.subnetIds,
                Map.copyOf(broker.tags),
                users,
                null,
                "NONE",
                null,
                null);
    }

    public synchronized ListBrokersResponse listBrokers(MqContext context, ListBrokersRequest request) {
        int size = MqChecks.maxResults(request.maxResults(), 1, 100, 20);
        List<BrokerSummary> all = new ArrayList<>();

        for (BrokerRecord broker : this.brokers.values()) {
            if (this.owned(context, broker)) {
                all.add(new BrokerSummary(
                        broker.arn(),
                        broker.id,
                        broker.name,
                        this.state(broker).state,
                        Instant.ofEpochMilli(broker.createdMillis),
                        broker.deploymentMode,
                        "ActiveMQ",
                        broker.hostInstanceType));
            }
        }

        Pages<BrokerSummary> page = Pages.of(all, request.nextToken(), size);
        return new ListBrokersResponse(page.items(), page.nextToken());
    }

    public synchronized UpdateBrokerResponse updateBroker(MqContext context, UpdateBrokerRequest request) {
        BrokerRecord broker = this.broker(context, request.brokerId());
        MqChecks.engineVersion(request.engineVersion());
        MqChecks.hostInstanceType(request.hostInstanceType());
        MqChecks.oneOf(
                request.authenticationStrategy(),
                MqChecks.AUTHENTICATION,
                "authenticationStrategy",
                "Authentication strategy");
        if (request.authenticationStrategy() != null
                && !request.authenticationStrategy().equals("SIMPLE")) {
            throw MqChecks.bad("authenticationStrategy", "Wharf's brokers authenticate with SIMPLE only, not LDAP.");
        }

        if (request.hostInstanceType() != null
                && broker.deploymentMode.equals(ACTIVE_STANDBY)
                && request.hostInstanceType().equals("mq.t3.micro")) {
            throw MqChecks.bad(
                    "hostInstanceType",
                    "Broker host instance type [mq.t3.micro] does not support ACTIVE_STANDBY_MULTI_AZ.");
        }

        ConfigurationId configuration = request.configuration();
        if (configuration != null) {
            String id = MqChecks.required(configuration.id(), "configuration.id");
            int revision = this.configurations.revisionFor(context, id, configuration.revision());
            broker.pendingConfiguration = new BrokerRecord.ConfigRef(id, revision);
        }

        if (request.engineVersion() != null && !request.engineVersion().equals(broker.engineVersion)) {
            broker.pendingEngineVersion = request.engineVersion();
        }

        if (request.hostInstanceType() != null && !request.hostInstanceType().equals(broker.hostInstanceType)) {
            broker.pendingHostInstanceType = request.hostInstanceType();
        }

        if (request.authenticationStrategy() != null) {
            broker.pendingAuthenticationStrategy = request.authenticationStrategy();
        }

        if (request.securityGroups() != null) {
            broker.pendingSecurityGroups = new ArrayList<>(request.securityGroups());
        }

        if (request.autoMinorVersionUpgrade() != null) {
            broker.autoMinorVersionUpgrade = request.autoMinorVersionUpgrade();
        }

        if (request.logs() != null) {
            broker.generalLogs = Boolean.TRUE.equals(request.logs().general());
            broker.auditLogs = Boolean.TRUE.equals(request.logs().audit());
        }

        WeeklyStartTime window = request.maintenanceWindowStartTime();
        if (window != null) {
            MqChecks.oneOf(window.dayOfWeek(), MqChecks.DAYS, "maintenanceWindowStartTime", "Day of week");
            broker.maintenanceDay = window.dayOfWeek();
            broker.maintenanceTime = window.timeOfDay();
            broker.maintenanceZone = window.timeZone();
        }

        this.persist(broker);
        return new UpdateBrokerResponse(
                broker.authenticationStrategy,
                broker.autoMinorVersionUpgrade,
                broker.id,
                configuration == null ? null : ref(broker.pendingConfiguration),
                request.engineVersion(),
                request.hostInstanceType(),
                null,
                new Logs(broker.auditLogs, broker.generalLogs),
                window(broker),
                request.securityGroups(),
                null,
                "NONE",
                null,
                null);
    }

    public DeleteBrokerResponse deleteBroker(MqContext context, DeleteBrokerRequest request) {
        BrokerRecord broker;
        Lifecycle.Live state;
        synchronized (this) {
            broker = this.broker(context, request.brokerId());
            state = this.state(broker);
            if (!broker.live) {
                return new DeleteBrokerResponse(broker.id);
            }

            broker.live = false;
            state.state = "DELETION_IN_PROGRESS";
            this.persist(broker);
        }

        this.lifecycle.submit(() -> this.finishDeletion(broker, state));
        return new DeleteBrokerResponse(broker.id);
    }

    public RebootBrokerResponse rebootBroker(MqContext context, RebootBrokerRequest request) {
        BrokerRecord broker;
        Lifecycle.Live state;
        synchronized (this) {
            broker = this.broker(context, request.brokerId());
            state = this.state(broker);
            if (!state.state.equals("RUNNING") && !state.state.equals("CRITICAL_ACTION_REQUIRED")) {
                throw MqError.BadRequest.with(
                        "broker-id",
                        "Broker [" + broker.id + "] is " + state.state + "; only a RUNNING broker can be rebooted.");
            }

            this.applyPending(broker);
            this.persist(broker);
            state.state = "REBOOT_IN_PROGRESS";
        }

        this.lifecycle.submit(() -> this.lifecycle.reboot(state, broker.instances(), i -> this.launch(broker, i)));
        return new RebootBrokerResponse();
    }

    public synchronized PromoteResponse promote(MqContext context, PromoteRequest request) {
        BrokerRecord broker = this.broker(context, request.brokerId());
        String mode = MqChecks.required(request.mode(), "mode");
        MqChecks.oneOf(mode, Set.of("SWITCHOVER", "FAILOVER"), "mode", "Promote mode");
        throw MqChecks.bad(
                "broker-id",
                "Broker [" + broker.id
                        + "] is not a replica of a cross-region data replication (CRDR) pair; only a replica can be promoted.");
    }

    public synchronized CreateUserResponse createUser(MqContext context, CreateUserRequest request) {
        BrokerRecord broker = this.broker(context, request.brokerId());
        String username = MqChecks.required(request.username(), "username");
        BrokerRecord.UserRecord existing = broker.user(username);
        if (existing != null && !"DELETE".equals(existing.pendingChange)) {
            throw MqError.Conflict.with("username", "User [" + username + "] already exists.");
        }

        if (existing == null && broker.users.size() >= 250) {
            throw MqChecks.bad("username", "A broker can have at most 250 users.");
        }

        BrokerRecord.UserRecord user = this.newUser(
                username,
                MqChecks.required(request.password(), "password"),
                request.groups(),
                Boolean.TRUE.equals(request.consoleAccess()),
                Boolean.TRUE.equals(request.replicationUser()));
        if (existing != null) {
            existing.pendingChange = "UPDATE";
            existing.pendingPassword = user.password;
            existing.pendingGroups = user.groups;
            existing.pendingConsoleAccess = user.consoleAccess;
        } else {
            user.pendingChange = "CREATE";
            broker.users.add(user);
        }

        this.persist(broker);
        return new CreateUserResponse();
    }

    public synchronized DescribeUserResponse describeUser(MqContext context, DescribeUserRequest request) {
        BrokerRecord broker = this.broker(context, request.brokerId());
        BrokerRecord.UserRecord user = user(broker, request.username());
        UserPendingChanges pending = user.pendingChange == null
                ? null
                : new UserPendingChanges(
                        user.pendingConsoleAccess == null ? user.consoleAccess : user.pendingConsoleAccess,
                        user.pendingGroups == null ? user.groups : user.pendingGroups,
                        user.pendingChange);
        return new DescribeUserResponse(
                broker.id, user.consoleAccess, List.copyOf(user.groups), pending, user.username, user.replicationUser);
    }

    public synchronized ListUsersResponse listUsers(MqContext context, ListUsersRequest request) {
        BrokerRecord broker = this.broker(context, request.brokerId());
        int size = MqChecks.maxResults(request.maxResults(), 5, 100, 100);
        List<UserSummary> all = broker.users.stream()
                .sorted(Comparator.comparing(u -> u.username))
                .map(u -> new UserSummary(u.pendingChange, u.username))
                .toList();
        Pages<UserSummary> page = Pages.of(all, request.nextToken(), size);
        return new ListUsersResponse(broker.id, size, page.nextToken(), page.items());
    }

    public synchronized UpdateUserResponse updateUser(MqContext context, UpdateUserRequest request) {
        BrokerRecord broker = this.broker(context, request.brokerId());
        BrokerRecord.UserRecord user = user(broker, request.username());
        if (request.password() != null) {
            MqChecks.password(request.password());
            user.pendingPassword = request.password();
        }

        if (request.groups() != null) {
            MqChecks.groups(request.groups());
            user.pendingGroups = new ArrayList<>(request.groups());
        }

        if (request.consoleAccess() != null) {
            user.pendingConsoleAccess = request.consoleAccess();
        }

        if (!"CREATE".equals(user.pendingChange)) {
            user.pendingChange = "UPDATE";
        }

        this.persist(broker);
        return new UpdateUserResponse();
    }

    public synchronized DeleteUserResponse deleteUser(MqContext context, DeleteUserRequest request) {
        BrokerRecord broker = this.broker(context, request.brokerId());
        BrokerRecord.UserRecord user = user(broker, request.username());
        if ("CREATE".equals(user.pendingChange)) {
            broker.users.remove(user);
        } else {
            user.pendingChange = "DELETE";
        }

        this.persist(broker);
        return new DeleteUserResponse();
    }

    public ConfigurationBook configurations() {
        return this.configurations;
    }

    public synchronized DeleteConfigurationResponse deleteConfiguration(
            MqContext context, DeleteConfigurationRequest request) {
        String id = this.configurations.check(context, request.configurationId());

        for (BrokerRecord broker : this.brokers.values()) {
            boolean uses = (broker.configuration != null && broker.configuration.id.equals(id))
                    || (broker.pendingConfiguration != null && broker.pendingConfiguration.id.equals(id));
            if (broker.live && uses) {
                throw MqError.Conflict.with(
                        "configuration-id",
                        "Configuration [" + id + "] is in use by broker [" + broker.id + "] and cannot be deleted.");
            }
        }

        this.configurations.delete(context, id);
        return new DeleteConfigurationResponse(id);
    }

    public DescribeBrokerEngineTypesResponse describeBrokerEngineTypes(
            MqContext context, DescribeBrokerEngineTypesRequest request) {
        MqChecks.oneOf(request.engineType(), MqChecks.ENGINE_TYPES, "engineType", "Broker engine type");
        int size = MqChecks.maxResults(request.maxResults(), 5, 100, 100);
        List<BrokerEngineType> all =
                request.engineType() != null && !request.engineType().equals("ACTIVEMQ")
                        ? List.of()
                        : List.of(new BrokerEngineType("ACTIVEMQ", List.of(new EngineVersion("5.18"))));
        Pages<BrokerEngineType> page = Pages.of(all, request.nextToken(), size);
        return new DescribeBrokerEngineTypesResponse(page.items(), size, page.nextToken());
    }

    public DescribeBrokerInstanceOptionsResponse describeBrokerInstanceOptions(
            MqContext context, DescribeBrokerInstanceOptionsRequest request) {
        MqChecks.oneOf(request.engineType(), MqChecks.ENGINE_TYPES, "engineType", "Broker engine type");
        MqChecks.oneOf(request.storageType(), MqChecks.STORAGE_TYPES, "storageType", "Broker storage type");
        int size = MqChecks.maxResults(request.maxResults(), 5, 100, 100);
        List<AvailabilityZone> zones = List.of(
                new AvailabilityZone(context.region() + "a"),
                new AvailabilityZone(context.region() + "b"),
                new AvailabilityZone(context.region() + "c"));
        List<BrokerInstanceOption> all = new ArrayList<>();
        if (request.engineType() == null || request.engineType().equals("ACTIVEMQ")) {
            for (String type : MqChecks.INSTANCE_TYPES) {
                for (String storage : List.of("EBS", "EFS")) {
                    boolean matches = (request.hostInstanceType() == null
                                    || request.hostInstanceType().equals(type))
                            && (request.storageType() == null
                                    || request.storageType().equals(storage));
                    if (matches && (!type.equals("mq.t3.micro") || !storage.equals("EBS"))) {
                        List<String> modes = type.equals("mq.t3.micro")
                                ? List.of("SINGLE_INSTANCE")
                                : List.of("SINGLE_INSTANCE", ACTIVE_STANDBY);
                        all.add(new BrokerInstanceOption(zones, "ACTIVEMQ", type, storage, modes, List.of("5.18")));
                    }
                }
            }
        }

        Pages<BrokerInstanceOption> page = Pages.of(all, request.nextToken(), size);
        return new DescribeBrokerInstanceOptionsResponse(page.items(), size, page.nextToken());
    }

    public synchronized Object createTags(MqContext context, CreateTagsRequest request) {
        String arn = MqChecks.required(request.resourceArn(), "resource-arn");
        Map<String, String> tags = request.tags() == null ? Map.of() : request.tags();
        BrokerRecord broker = this.brokerByArn(context, arn);
        if (broker != null) {
            Map<String, String> merged = new LinkedHashMap<>(broker.tags);
            merged.putAll(tags);
            MqChecks.tags(merged, 0);
            broker.tags = merged;
            this.persist(broker);
        } else {
            this.configurations.tag(context, arn, tags);
        }

        return new Object();
    }

    public synchronized Object deleteTags(MqContext context, DeleteTagsRequest request) {
        String arn = MqChecks.required(request.resourceArn(), "resource-arn");
        List<String> keys = MqChecks.required(request.tagKeys(), "tagKeys");
        BrokerRecord broker = this.brokerByArn(context, arn);
        if (broker != null) {
            keys.forEach(broker.tags::remove);
            this.persist(broker);
        } else {
            this.configurations.untag(context, arn, keys);
        }

        return new Object();
    }

    public synchronized ListTagsResponse listTags(MqContext context, ListTagsRequest request) {
        String arn = MqChecks.required(request.resourceArn(), "resource-arn");
        BrokerRecord broker = this.brokerByArn(context, arn);
        return new ListTagsResponse(broker != null ? Map.copyOf(broker.tags) : this.configurations.tags(context, arn));
    }

    public synchronized @Nullable BrokerInstance activeInstance(String brokerId) {
        Lifecycle.Live state = this.live.get(brokerId);
        if (state == null) {
            return null;
        }

        for (BrokerInstance instance : state.instances()) {
            if (instance.state() == BrokerInstance.InstanceState.ACTIVE) {
                return instance;
            }
        }

        return null;
    }

    @Override
    public void close() {
        this.lifecycle.close();
    }

    private BrokerRecord.UserRecord newUser(
            String username,
            String password,
            @Nullable List<String> groups,
            boolean consoleAccess,
            boolean replication) {
        MqChecks.username(username);
        MqChecks.password(password);
        MqChecks.groups(groups);
        BrokerRecord.UserRecord user = new BrokerRecord.UserRecord();
        user.username = username;
        user.password = password;
        user.groups = groups == null ? new ArrayList<>() : new ArrayList<>(groups);
        user.consoleAccess = consoleAccess;
        user.replicationUser = replication;
        return user;
    }

    private void applyPending(BrokerRecord broker) {
        List<BrokerRecord.UserRecord> kept = new ArrayList<>();

        for (BrokerRecord.UserRecord user : broker.users) {
            if (!"DELETE".equals(user.pendingChange)) {
                if (user.pendingPassword != null) {
                    user.password = user.pendingPassword;
                }

                if (user.pendingGroups != null) {
                    user.groups = user.pendingGroups;
                }

                if (user.pendingConsoleAccess != null) {
                    user.consoleAccess = user.pendingConsoleAccess;
                }

                user.pendingChange = null;
                user.pendingPassword = null;
                user.pendingGroups = null;
                user.pendingConsoleAccess = null;
                user.active = true;
                kept.add(user);
            }
        }

        broker.users = kept;
        if (broker.pendingConfiguration != null) {
            if (broker.configuration != null) {
                broker.configurationHistory.add(broker.configuration);
            }

            broker.configuration = broker.pendingConfiguration;
            broker.pendingConfiguration = null;
        }

        if (broker.pendingEngineVersion != null) {
            broker.engineVersion = broker.pendingEngineVersion;
            broker.pendingEngineVersion = null;
        }

        if (broker.pendingHostInstanceType != null) {
            broker.hostInstanceType = broker.pendingHostInstanceType;
            broker.pendingHostInstanceType = null;
        }

        if (broker.pendingAuthenticationStrategy != null) {
            broker.authenticationStrategy = broker.pendingAuthenticationStrategy;
            broker.pendingAuthenticationStrategy = null;
        }

        if (broker.pendingSecurityGroups != null) {
            broker.securityGroups = broker.pendingSecurityGroups;
            broker.pendingSecurityGroups = null;
        }
    }

    private InstanceLaunch launch(BrokerRecord broker, int index) {
        List<InstanceLaunch.Login> logins;
        BrokerRecord.ConfigRef configuration;
        synchronized (this) {
            logins = broker.users.stream()
                    .filter(u -> u.active)
                    .map(u -> new InstanceLaunch.Login(u.username, u.password, Set.copyOf(u.groups), u.consoleAccess))
                    .toList();
            configuration = broker.configuration;
        }

        String xml = configuration == null ? null : this.configurations.data(configuration.id, configuration.revision);
        Path home = this.settings.dataDirectory().resolve(broker.id);
        int base = this.port(broker, index, 0);
        return new InstanceLaunch(
                broker.name,
                broker.id + "-" + (index + 1),
                home.resolve("kahadb"),
                home.resolve("instance-" + (index + 1)),
                this.settings.host(),
                new InstanceLaunch.Ports(base, base + 1, base + 2, base + 3, base + 4, base + 5),
                this.settings.tls(),
                logins,
                xml,
                this.settings.limits());
    }

    private int port(BrokerRecord broker, int index, int offset) {
        return this.settings.portBase() + (broker.portBlock + index) * 10 + offset;
    }

    private dev.wharf.mq.api.BrokerInstance instanceOf(BrokerRecord broker, int index) {
        boolean tls = this.settings.tls() != null;
        String host = this.settings.host();
        int base = this.port(broker, index, 0);
        List<String> endpoints = List.of(
                (tls ? "ssl://" : "tcp://") + host + ":" + base,
                (tls ? "amqp+ssl://" : "amqp://") + host + ":" + (base + 1),
                (tls ? "stomp+ssl://" : "stomp://") + host + ":" + (base + 2),
                (tls ? "mqtt+ssl://" : "mqtt://") + host + ":" + (base + 3),
                (tls ? "wss://" : "ws://") + host + ":" + (base + 4));
        return new dev.wharf.mq.api.BrokerInstance(
                (tls ? "https://" : "http://") + host + ":" + (base + 5), endpoints, host);
    }

    private int freePortBlock(int count) {
        Set<Integer> used = new HashSet<>();

        for (BrokerRecord broker : this.brokers.values()) {
            for (int i = 0; i < broker.instances(); i++) {
                used.add(broker.portBlock + i);
            }
        }

        int block = 0;

        while (used.contains(block) || (count > 1 && used.contains(block + 1))) {
            block++;
        }

        return block;
    }

    private void finishDeletion(BrokerRecord broker, Lifecycle.Live state) {
        this.lifecycle.stop(state);
        deleteTree(this.settings.dataDirectory().resolve(broker.id));
        synchronized (this) {
            this.store.commit(new BrokerBatch().delete("broker/" + broker.id));
            this.brokers.remove(broker.id);
            this.live.remove(broker.id);
        }
    }

    private static void deleteTree(Path root) {
        if (Files.exists(root)) {
            try {
                Files.walkFileTree(root, new SimpleFileVisitor<Path>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                        Files.delete(file);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult postVisitDirectory(Path dir, @Nullable IOException e) throws IOException {
                        Files.delete(dir);
                        return FileVisitResult.CONTINUE;
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete the broker's data in " + root, e);
            }
        }
    }

    private boolean owned(MqContext context, BrokerRecord broker) {
        return broker.accountId.equals(context.accountId()) && broker.region.equals(context.region());
    }

    private BrokerRecord broker(MqContext context, @Nullable String id) {
        String brokerId = MqChecks.required(id, "broker-id");
        BrokerRecord broker = this.brokers.get(brokerId);
        if (broker != null && this.owned(context, broker)) {
            return broker;
        } else {
            throw MqError.NotFound.with(
                    "broker-id", "Can't find requested broker [" + brokerId + "]. Make sure your broker exists.");
        }
    }

    private @Nullable BrokerRecord brokerByArn(MqContext context, String arn) {
        for (BrokerRecord broker : this.brokers.values()) {
            if (broker.arn().equals(arn) && this.owned(context, broker)) {
                return broker;
            }
        }

        return null;
    }

    private Lifecycle.Live state(BrokerRecord broker) {
        Lifecycle.Live state = this.live.get(broker.id);
        if (state == null) {
            throw new IllegalStateException("broker " + broker.id + " has no lifecycle");
        } else {
            return state;
        }
    }

    private static BrokerRecord.UserRecord user(BrokerRecord broker, @Nullable String username) {
        String name = MqChecks.required(username, "username");
        BrokerRecord.UserRecord user = broker.user(name);
        if (user == null) {
            throw MqError.NotFound.with(
                    "username", "Can't find requested user [" + name + "]. Make sure your user exists.");
        } else {
            return user;
        }
    }

    private static @Nullable WeeklyStartTime window(BrokerRecord broker) {
        return broker.maintenanceDay == null
                ? null
                : new WeeklyStartTime(broker.maintenanceDay, broker.maintenanceTime, broker.maintenanceZone);
    }

    private static ConfigurationId ref(BrokerRecord.@Nullable ConfigRef ref) {
        return ref == null ? new ConfigurationId(null, null) : new ConfigurationId(ref.id, ref.revision);
    }

    private void persist(BrokerRecord broker) {
        this.store.commit(new BrokerBatch().put("broker/" + broker.id, write(broker)));
    }

    static byte[] write(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + value.getClass().getSimpleName(), e);
        }
    }

    static <T> T read(byte[] value, Class<T> type) {
        try {
            return (T) JSON.readValue(value, type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot decode a stored " + type.getSimpleName(), e);
        }
    }
}
