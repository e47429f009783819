package dev.wharf.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.cloudwatch.api.CloudWatchLimits;
import dev.wharf.cloudwatch.engine.CloudWatchEngine;
import dev.wharf.cloudwatch.http.CloudWatchBinding;
import dev.wharf.common.AwsException;
import dev.wharf.dynamodb.engine.DynamoDbConfig;
import dev.wharf.dynamodb.engine.DynamoDbEngine;
import dev.wharf.dynamodb.http.DynamoDbBinding;
import dev.wharf.firehose.engine.DefaultLambdaInvoker;
import dev.wharf.firehose.engine.FirehoseConfig;
import dev.wharf.firehose.engine.FirehoseEngine;
import dev.wharf.firehose.engine.FirehoseFunctions;
import dev.wharf.firehose.engine.FirehosePorts;
import dev.wharf.firehose.engine.JdkEndpointPort;
import dev.wharf.firehose.engine.TableLoader;
import dev.wharf.firehose.http.FirehoseBinding;
import dev.wharf.iam.engine.StsEngine;
import dev.wharf.iam.http.StsBinding;
import dev.wharf.kinesis.engine.KinesisConfig;
import dev.wharf.kinesis.engine.KinesisEngine;
import dev.wharf.kinesis.http.KinesisBinding;
import dev.wharf.mq.engine.InstanceLaunch;
import dev.wharf.mq.engine.MqEngine;
import dev.wharf.mq.engine.MqSettings;
import dev.wharf.mq.http.MqBinding;
import dev.wharf.protocol.ServiceBinding;
import dev.wharf.protocol.WireResponse;
import dev.wharf.protocol.sigv4.SigV4Verifier;
import dev.wharf.protocol.sigv4.StaticCredentialStore;
import dev.wharf.s3.api.ObjectWritePort;
import dev.wharf.s3.engine.S3Engine;
import dev.wharf.s3.http.S3Binding;
import dev.wharf.sns.api.PublishRequest;
import dev.wharf.sns.api.SnsContext;
import dev.wharf.sns.engine.SnsDeliveryConfig;
import dev.wharf.sns.engine.SnsEngine;
import dev.wharf.sns.engine.endpoint.DefaultEndpointSender;
import dev.wharf.sns.engine.endpoint.SmtpMailSender;
import dev.wharf.sns.engine.endpoint.SmtpRelay;
import dev.wharf.sns.engine.message.SigningKeys;
import dev.wharf.sns.http.SnsBinding;
import dev.wharf.sqs.api.CreateQueueRequest;
import dev.wharf.sqs.api.SqsContext;
import dev.wharf.sqs.engine.SqsEngine;
import dev.wharf.sqs.http.SqsBinding;
import dev.wharf.storage.DurabilityMode;
import dev.wharf.storage.MemoryStorageEngine;
import dev.wharf.storage.StorageEngine;
import dev.wharf.storage.rocksdb.RocksDbStorageEngine;
import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Wharf: the store, the services and the transport, started together and closed in reverse.
 *
 * <p>{@link #close()} stops accepting connections, lets requests in flight finish for a bounded time, then flushes and
 * closes the store. It is idempotent.
 */
public final class WharfServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WharfServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The health endpoint; it answers GET only. */
    static final String HEALTH_PATH = "/_wharf/health";
    /** Where SNS's signing certificate is served; the test comes first so that other requests make no key. */
    static final String SIGNING_CERT_PREFIX = "/SimpleNotificationService-";

    private static final int DRAIN_SECONDS = 5;
    private static final long GRACE_MILLIS = 1_000;
    /** How often Kinesis's retention is enforced on shards that get no writes. */
    private static final long RETENTION_SWEEP_MILLIS = 300_000;
    /** How often CloudWatch's alarms are looked at; each is evaluated when it is due (once a minute, or a period). */
    private static final long ALARM_ROUND_MILLIS = 5_000;
    /** The distinct queues, topics, streams or tables that /metrics shows figures of, at most, per tag. */
    static final int MAX_METRIC_TAG_VALUES = 1_000;

    private final WharfConfig config;
    private final StorageEngine storage;
    private final SqsEngine sqs;
    private final SnsEngine sns;
    /** DynamoDB's engine, made by the first DynamoDB request; null until then. */
    private final java.util.concurrent.atomic.AtomicReference<DynamoDbEngine> dynamoDb;
    /** Firehose's engine, once the first Firehose request or a store with delivery streams made it. */
    private final java.util.concurrent.atomic.AtomicReference<FirehoseEngine> firehose;
    /** Firehose's writes to buckets outside Wharf, whose clients close with the server. */
    private final ExternalBuckets externalBuckets;
    /** Amazon MQ's engine, once made; its brokers stop before the store closes. */
    private final java.util.concurrent.atomic.AtomicReference<MqEngine> mq;
    /** Where the brokers of a memory store keep their KahaDB while the server runs; removed when it stops. */
    private final @Nullable Path mqScratch;

    private final ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpTransport transport;
    private final ServerMetrics metrics;
    private final int port;
    private final int tlsPort;
    private volatile boolean closed;

    private WharfServer(
            WharfConfig config,
            StorageEngine storage,
            SqsEngine sqs,
            SnsEngine sns,
            CloudWatchEngine cloudWatch,
            java.util.concurrent.atomic.AtomicReference<KinesisEngine> kinesis,
            java.util.concurrent.atomic.AtomicReference<DynamoDbEngine> dynamoDb,
            java.util.concurrent.atomic.AtomicReference<FirehoseEngine> firehose,
            ExternalBuckets externalBuckets,
            java.util.concurrent.atomic.AtomicReference<MqEngine> mq,
            List<ServiceBinding> services)
            throws Exception {
        this.firehose = firehose;
        this.mq = mq;
        this.mqScratch = config.storage() == DurabilityMode.MEMORY ? mqDirectory(config) : null;
        this.externalBuckets = externalBuckets;
        this.config = config;
        this.storage = storage;
        this.sqs = sqs;
        this.sns = sns;
        this.dynamoDb = dynamoDb;
        SigV4Verifier verifier = new SigV4Verifier(new StaticCredentialStore(config.credentials()), Clock.systemUTC());
        // The gauge reads the transport when scraped, by which time the constructor has made it.
        this.metrics = new ServerMetrics(this::openConnections, sqs::longPollsWaiting, storage, MAX_METRIC_TAG_VALUES);
        boolean collect = config.cloudWatch().metrics();
        ServiceRouter router = new ServiceRouter(
                services, verifier, collect ? metrics::onRequest : ServiceRouter.RequestObserver.NONE);
        InternalResources internal = new InternalResources(services, config);
        this.transport = new HttpTransport(config, request -> dispatch(router, internal, request), handlers);
        if (collect) {
            Thread.ofVirtual()
                    .name("service-metrics")
                    .start(() -> publishServiceMetrics(
                            cloudWatch, kinesis, config.cloudWatch().serviceMetricsSeconds()));
        }
        this.port = transport.bind(config.port(), null);
        SslContext tls = config.tlsPort() < 0 ? null : TlsCertificates.serverContext(config, tlsDir(config));
        this.tlsPort = tls == null ? -1 : transport.bind(config.tlsPort(), tls);
    }

    /**
     * Starts a server: checks the settings, opens the store, creates configured queues and binds the listeners.
     *
     * @throws IllegalStateException when the settings are unsafe or the data directory cannot be used
     */
    public static WharfServer start(WharfConfig config) throws Exception {
        requireSafeBinding(config);
        StorageEngine storage = openStorage(config);
        try {
            SqsEngine sqs = new SqsEngine(storage.queues(), Clock.systemUTC(), config.region());
            String endpoint =
                    "http://" + (config.hostname() == null ? config.host() : config.hostname()) + ":" + config.port();
            createConfiguredQueues(config, sqs, endpoint);
            java.util.concurrent.atomic.AtomicReference<FirehoseEngine> firehose =
                    new java.util.concurrent.atomic.AtomicReference<>();
            // SNS's firehose subscriptions reach Firehose's engine through its binding, which makes it on first use.
            java.util.concurrent.atomic.AtomicReference<FirehoseBinding> firehoseBindings =
                    new java.util.concurrent.atomic.AtomicReference<>();
            dev.wharf.firehose.api.RecordPutPort firehoseRecords = (arn, data) -> {
                FirehoseEngine engine = firehose.get();
                if (engine == null) {
                    java.util.Objects.requireNonNull(firehoseBindings.get()).start();
                    engine = java.util.Objects.requireNonNull(firehose.get());
                }
                engine.putRecord(arn, data);
            };
            SnsEngine sns = new SnsEngine(
                    storage.topics(),
                    storage.deliveries(),
                    storage.archive(),
                    sqs,
                    firehoseRecords,
                    signingKeys(config),
                    Clock.systemUTC(),
                    config.region(),
                    snsDelivery(config.sns()));
            CloudWatchEngine cloudWatch = cloudWatch(storage, sns, endpoint);
            // Kinesis's engine is made by the first Kinesis request; until then it has no metrics to publish.
            java.util.concurrent.atomic.AtomicReference<KinesisEngine> kinesis =
                    new java.util.concurrent.atomic.AtomicReference<>();
            // Made once, by the first Kinesis request or the first read of a delivery stream with a Kinesis source.
            java.util.function.Supplier<KinesisEngine> kinesisEngine = () -> {
                synchronized (kinesis) {
                    KinesisEngine made = kinesis.get();
                    if (made == null) {
                        made = kinesis(config, storage);
                        kinesis.set(made);
                    }
                    return made;
                }
            };
            // DynamoDB's engine too: it reads its tables from the store when it is made, and nothing runs before.
            java.util.concurrent.atomic.AtomicReference<DynamoDbEngine> dynamoDb =
                    new java.util.concurrent.atomic.AtomicReference<>();
            S3Engine s3 = new S3Engine(storage.objects(), Clock.systemUTC());
            // Firehose writes to Wharf's S3, but to the store the config file names for each of its outside buckets.
            ExternalBuckets firehoseObjects =
                    new ExternalBuckets(s3, config.firehose().buckets());
            FirehoseBinding firehoseBinding = new FirehoseBinding(
                    () -> {
                        FirehoseEngine made = firehose(config, storage, firehoseObjects, kinesisEngine);
                        firehose.set(made);
                        return made;
                    },
                    config.region());
            firehoseBindings.set(firehoseBinding);
            // Firehose's engine is made by the first Firehose request, or now when the store holds delivery streams:
            // their buffered records must be delivered whether or not anyone asks.
            if (FirehoseEngine.hasStreams(storage.deliveryStreams())) {
                firehoseBinding.start();
            }
            java.util.concurrent.atomic.AtomicReference<MqEngine> mq =
                    new java.util.concurrent.atomic.AtomicReference<>();
            MqBinding mqBinding = mqBinding(config, storage, mq);
            return new WharfServer(
                    config,
                    storage,
                    sqs,
                    sns,
                    cloudWatch,
                    kinesis,
                    dynamoDb,
                    firehose,
                    firehoseObjects,
                    mq,
                    List.of(
                            new SqsBinding(sqs),
                            new SnsBinding(sns),
                            new KinesisBinding(kinesisEngine, config.region()),
                            new CloudWatchBinding(cloudWatch, config.region()),
                            new DynamoDbBinding(
                                    () -> {
                                        DynamoDbEngine made = new DynamoDbEngine(
                                                Clock.systemUTC(), DynamoDbConfig.DEFAULT, storage.tables());
                                        dynamoDb.set(made);
                                        return made;
                                    },
                                    config.region()),
                            // S3's engine keeps nothing in memory and reads the store per request: it costs
                            // nothing until then, and its model and codec load on the first S3 request.
                            new S3Binding(s3),
                            firehoseBinding,
                            mqBinding,
                            new StsBinding(new StsEngine())));
        } catch (Exception | Error e) {
            storage.close();
            throw e;
        }
    }

    /**
     * Kinesis's engine, made on the first Kinesis request, with a sweep every few minutes that trims the records retention has expired from shards that
     * no one writes to (writes trim their own shards).
     */
    private static KinesisEngine kinesis(WharfConfig config, StorageEngine storage) {
        KinesisEngine kinesis = new KinesisEngine(
                Clock.systemUTC(),
                KinesisConfig.DEFAULT.withThroughputLimits(config.kinesis().throughputLimits()),
                storage.streams());
        Thread.ofVirtual().name("kinesis-retention").start(() -> sweep(kinesis));
        return kinesis;
    }

    /**
     * CloudWatch's engine, made at start because its alarms evaluate whether or not anyone asks: a thread evaluates
     * the alarms that are due every few seconds, and applies retention every few minutes. Alarm actions publish to SNS
     * in-process, as the alarm's account.
     */
    private static CloudWatchEngine cloudWatch(StorageEngine storage, SnsEngine sns, String endpoint) {
        CloudWatchEngine cloudWatch = new CloudWatchEngine(
                Clock.systemUTC(),
                CloudWatchLimits.DEFAULT,
                storage.metrics(),
                (account, topic, subject, message) -> String.valueOf(sns.publish(
                                new SnsContext(account, endpoint),
                                new PublishRequest(topic, null, null, message, subject, null, null, null, null))
                        .messageId()));
        Thread.ofVirtual().name("cloudwatch-alarms").start(() -> runAlarms(cloudWatch));
        return cloudWatch;
    }

    /**
     * Publishes the services' AWS/ metrics into CloudWatch, and the same figures to /metrics, at the end of each
     * interval (a minute, as AWS does, or the configured divisor of one).
     */
    private void publishServiceMetrics(
            CloudWatchEngine cloudWatch,
            java.util.concurrent.atomic.AtomicReference<KinesisEngine> kinesis,
            int intervalSeconds) {
        long intervalMillis = intervalSeconds * 1_000L;
        while (!closed && !Thread.currentThread().isInterrupted()) {
            try {
                long now = Clock.systemUTC().millis();
                Thread.sleep(intervalMillis - now % intervalMillis);
                java.time.Instant at = java.time.Instant.ofEpochMilli(now - now % intervalMillis);
                List<dev.wharf.sqs.api.QueueMetrics> queues = sqs.metricsSnapshot();
                cloudWatch.publishQueueMetrics(queues, at, intervalSeconds < 60);
                metrics.onQueues(queues);
                List<dev.wharf.sns.api.TopicMetrics> topics = sns.metricsSnapshot();
                cloudWatch.publishTopicMetrics(topics, at, intervalSeconds < 60);
                metrics.onTopics(topics, sns::hasTopic);
                KinesisEngine streams = kinesis.get();
                if (streams != null) {
                    List<dev.wharf.kinesis.api.StreamMetrics> streamFigures = streams.metricsSnapshot();
                    cloudWatch.publishStreamMetrics(streamFigures, at, intervalSeconds < 60);
                    metrics.onStreams(streamFigures, streams::hasStream);
                }
                // DynamoDB's engine, like Kinesis's, exists once someone has asked for DynamoDB.
                DynamoDbEngine tables = dynamoDb.get();
                if (tables != null) {
                    dev.wharf.dynamodb.api.DynamoDbMetrics tableFigures = tables.metricsSnapshot();
                    cloudWatch.publishTableMetrics(tableFigures, at, intervalSeconds < 60);
                    metrics.onTables(tableFigures, tables::hasTable);
                }
                // Firehose's engine, too, exists once someone has asked for Firehose or the store holds streams.
                FirehoseEngine deliveryStreams = firehose.get();
                if (deliveryStreams != null) {
                    List<dev.wharf.firehose.api.DeliveryStreamMetrics> deliveryFigures =
                            deliveryStreams.metricsSnapshot();
                    cloudWatch.publishDeliveryStreamMetrics(deliveryFigures, at, intervalSeconds < 60);
                    metrics.onDeliveryStreams(deliveryFigures, deliveryStreams::hasStream);
                }
            } catch (InterruptedException e) {
                return;
            } catch (IllegalStateException e) {
                // The store is closed: the server is stopping.
                return;
            } catch (RuntimeException e) {
                LOG.warn("Publishing the services' metrics failed; the next interval tries again", e);
            }
        }
    }

    private static void runAlarms(CloudWatchEngine cloudWatch) {
        long lastRetention = System.nanoTime();
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(ALARM_ROUND_MILLIS);
                cloudWatch.evaluateAlarms();
                if (System.nanoTime() - lastRetention > RETENTION_SWEEP_MILLIS * 1_000_000) {
                    lastRetention = System.nanoTime();
                    cloudWatch.runRetention();
                }
            } catch (InterruptedException e) {
                return;
            } catch (IllegalStateException e) {
                // The store is closed: the server is stopping.
                return;
            } catch (RuntimeException e) {
                LOG.warn("CloudWatch's alarm round failed; the next runs in {} ms", ALARM_ROUND_MILLIS, e);
            }
        }
    }

    private static void sweep(KinesisEngine kinesis) {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(RETENTION_SWEEP_MILLIS);
                kinesis.trimExpired();
            } catch (InterruptedException e) {
                return;
            } catch (IllegalStateException e) {
                // The store is closed: the server is stopping.
                return;
            } catch (RuntimeException e) {
                LOG.warn("Kinesis retention sweep failed; it runs again in {} ms", RETENTION_SWEEP_MILLIS, e);
            }
        }
    }

    private static void requireSafeBinding(WharfConfig config) throws UnknownHostException {
        boolean loopback = InetAddress.getByName(config.host()).isLoopbackAddress();
        if (loopback || !config.credentials().isEmpty()) {
            return;
        }
        if (!config.insecure()) {
            throw new IllegalStateException("refusing to listen on " + config.host()
                    + " without credentials: any signature would be accepted. Configure credentials "
                    + "(WHARF_CREDENTIALS=KEY:SECRET[:ACCOUNT]) or pass --insecure.");
        }
        LOG.warn(
                "*** INSECURE: listening on {} with no credentials; ANY well-formed signature is accepted ***",
                config.host());
    }

    private static StorageEngine openStorage(WharfConfig config) {
        if (config.storage() == DurabilityMode.MEMORY) {
            return new MemoryStorageEngine();
        }
        return RocksDbStorageEngine.open(config.dataDir(), config.storage());
    }

    /**
     * How Firehose's Lambda processors reach their functions: the same {@code sns.lambda} mapping of function ARNs to
     * invoke URLs that SNS's Lambda subscriptions use; the HTTP client is made on the first invocation.
     */
    /** Firehose's engine, writing through {@code objects} and reading Kinesis sources from {@code kinesis}. */
    private static FirehoseEngine firehose(
            WharfConfig config,
            StorageEngine storage,
            ObjectWritePort objects,
            java.util.function.Supplier<KinesisEngine> kinesis) {
        return new FirehoseEngine(
                storage.deliveryStreams(),
                objects,
                Clock.systemUTC(),
                FirehoseConfig.DEFAULT
                        .withTables(config.firehose().tables())
                        .withThroughputQuota(config.firehose().throughputQuota())
                        .withRedshiftClusters(config.firehose().redshiftClusters()),
                config.region(),
                new FirehosePorts(
                        firehoseFunctions(config.sns()),
                        new LazyShardReadPort(kinesis),
                        // The JDK HttpClient of HTTP endpoint destinations is made on the first post.
                        new JdkEndpointPort(),
                        // PostgreSQL's JDBC driver loads with the first Redshift load.
                        TableLoader.postgres()));
    }

    private static FirehoseFunctions firehoseFunctions(WharfConfig.Sns sns) {
        Map<String, URI> functions = new java.util.LinkedHashMap<>();
        sns.lambda().forEach((arn, url) -> functions.put(arn, URI.create(url)));
        return new FirehoseFunctions(new DefaultLambdaInvoker(), functions);
    }

    /** How SNS reaches HTTP/S endpoints and Lambda functions; the HTTP client itself is made on first use. */
    private static SnsDeliveryConfig snsDelivery(WharfConfig.Sns sns) {
        Map<String, URI> functions = new java.util.LinkedHashMap<>();
        sns.lambda().forEach((arn, url) -> functions.put(arn, URI.create(url)));
        SmtpRelay smtp = sns.smtp();
        return new SnsDeliveryConfig(
                new DefaultEndpointSender(EndpointTrust.context(sns)),
                functions,
                smtp == null ? null : new SmtpMailSender(smtp),
                sns.webhooks());
    }

    /** SNS's signing key: kept in the data directory, or for the memory store, made anew by each process. */
    private static SigningKeys signingKeys(WharfConfig config) {
        return config.storage() == DurabilityMode.MEMORY
                ? SigningKeys.ephemeral(Clock.systemUTC())
                : SigningKeys.persistent(config.dataDir(), Clock.systemUTC());
    }

    /**
     * Amazon MQ's binding. Its engine, and ActiveMQ with it, load on the first MQ request, or now when the store holds
     * brokers: those that were running come back with Wharf.
     */
    private static MqBinding mqBinding(
            WharfConfig config, StorageEngine storage, java.util.concurrent.atomic.AtomicReference<MqEngine> mq)
            throws IOException {
        MqSettings mqSettings = mqSettings(config);
        MqBinding mqBinding = new MqBinding(
                () -> {
                    MqEngine made = new MqEngine(
                            storage.brokers(),
                            Clock.systemUTC(),
                            mqSettings,
                            MqEngine.defaultRuntime(mqSettings.maxBrokers()));
                    mq.set(made);
                    return made;
                },
                config.region());
        if (MqEngine.holdsBrokers(storage.brokers())) {
            mqBinding.start();
        }
        return mqBinding;
    }

    /** Amazon MQ's settings: the brokers listen where Wharf does, with Wharf's certificate when TLS is asked for. */
    private static MqSettings mqSettings(WharfConfig config) throws IOException {
        WharfConfig.Mq mq = config.mq();
        MqSettings defaults = MqSettings.defaults(mqDirectory(config));
        return new MqSettings(
                defaults.dataDirectory(),
                config.host(),
                mq.portBase(),
                mq.maxBrokers(),
                new InstanceLaunch.Limits(
                        mq.memoryMegabytes() * 1024L * 1024L,
                        defaults.limits().storeBytes(),
                        defaults.limits().tempBytes()),
                mq.tls() ? TlsCertificates.jdkContext(config, tlsDir(config)) : null,
                defaults.startTimeout());
    }

    /**
     * The brokers' folders: in the data directory, or for a memory store, which keeps nothing after a stop, in a
     * folder of this server's own under the temporary directory. Nothing is made there until a broker starts.
     */
    private static Path mqDirectory(WharfConfig config) {
        if (config.storage() != DurabilityMode.MEMORY) {
            return config.dataDir().resolve("mq");
        }
        return Path.of(System.getProperty("java.io.tmpdir"))
                .resolve("wharf-mq-" + ProcessHandle.current().pid() + "-" + System.identityHashCode(config));
    }

    /** Removes a folder and all under it, as far as it can; what it cannot remove is logged and left. */
    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (java.util.stream.Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            LOG.warn("could not remove the brokers' scratch folder {}: {}", root, e.toString());
        }
    }

    private static Path tlsDir(WharfConfig config) throws IOException {
        if (config.storage() == DurabilityMode.MEMORY) {
            return Files.createTempDirectory("wharf-tls");
        }
        return config.dataDir().resolve("tls");
    }

    private static void createConfiguredQueues(WharfConfig config, SqsEngine sqs, String endpoint) {
        for (WharfConfig.QueueDefinition queue : config.queues()) {
            String account = queue.accountId() == null ? StaticCredentialStore.DEFAULT_ACCOUNT_ID : queue.accountId();
            try {
                sqs.createQueue(
                        new SqsContext(account, endpoint),
                        new CreateQueueRequest(queue.name(), queue.attributes(), queue.tags()));
            } catch (AwsException e) {
                throw new IllegalStateException("cannot create configured queue " + queue.name() + ": "
                        + e.code().queryCode() + ": " + e.getMessage());
            }
        }
    }

    private int openConnections() {
        return transport.openConnections();
    }

    private WireResponse dispatch(ServiceRouter router, InternalResources internal, ServiceRouter.HttpRequest request) {
        if (request.rawPath().equals(HEALTH_PATH) && request.method().equals("GET")) {
            return health();
        }
        if (request.rawPath().equals(ServerMetrics.PATH)
                && request.method().equals("GET")
                && request.header("authorization") == null) {
            // Prometheus's scrape; a signed request to the same path is an AWS request (S3's bucket "metrics").
            return metrics.scrape();
        }
        if (request.method().equals("GET")
                && request.rawPath().startsWith(SIGNING_CERT_PREFIX)
                && request.rawPath().equals("/" + sns.signingCertificateFileName())) {
            // Every SNS notification's SigningCertURL: subscribers fetch it to verify the signature.
            return new WireResponse(
                    200,
                    "application/x-pem-file",
                    Map.of(),
                    sns.signingCertificatePem().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        if (request.rawPath().startsWith(InternalResources.PREFIX)) {
            // LocalStack's internal resources, such as the SMS and push messages SNS keeps for tests.
            return internal.serve(request);
        }
        return router.route(request);
    }

    private WireResponse health() {
        ObjectNode body = JSON.createObjectNode();
        body.put("status", closed ? "stopping" : "ready");
        body.put("version", version());
        body.putObject("services")
                .put("sqs", "running")
                .put("sns", "running")
                .put("kinesis", "running")
                .put("cloudwatch", "running")
                .put("dynamodb", "running")
                .put("sts", "running");
        ObjectNode store = body.putObject("storage");
        store.put("mode", storage.mode().configName());
        store.put("location", storage.describe());
        try {
            return new WireResponse(closed ? 503 : 200, "application/json", Map.of(), JSON.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The version of this build, as Maven stamped it. */
    public static String version() {
        Properties properties = new Properties();
        try (InputStream in = WharfServer.class.getResourceAsStream("/wharf-version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return properties.getProperty("version", "unknown");
    }

    public WharfConfig config() {
        return config;
    }

    public int port() {
        return port;
    }

    /** The HTTPS port, or -1 when HTTPS is off. */
    public int tlsPort() {
        return tlsPort;
    }

    public String endpoint() {
        return "http://" + (config.hostname() == null ? config.host() : config.hostname()) + ":" + port;
    }

    public @Nullable String tlsEndpoint() {
        return tlsPort < 0
                ? null
                : "https://" + (config.hostname() == null ? config.host() : config.hostname()) + ":" + tlsPort;
    }

    public StorageEngine storage() {
        return storage;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        // Requests in progress answer on connections that are still open: short ones finish, and long polls still
        // waiting after a grace period are interrupted, which answers them with no messages, as a poll that times out.
        transport.stopAccepting();
        handlers.shutdown();
        try {
            if (!handlers.awaitTermination(GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
                handlers.shutdownNow();
                if (!handlers.awaitTermination(DRAIN_SECONDS, TimeUnit.SECONDS)) {
                    LOG.warn("requests still running after {} s; stopping without them", DRAIN_SECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        transport.close();
        sns.close();
        sqs.stopMoveTasks();
        DynamoDbEngine tables = dynamoDb.get();
        if (tables != null) {
            tables.close();
        }
        FirehoseEngine deliveryStreams = firehose.get();
        if (deliveryStreams != null) {
            deliveryStreams.close();
        }
        externalBuckets.close();
        MqEngine brokers = mq.get();
        if (brokers != null) {
            brokers.close();
        }
        if (mqScratch != null) {
            deleteTree(mqScratch);
        }
        storage.close();
        LOG.info("stopped; store flushed and closed");
    }
}
