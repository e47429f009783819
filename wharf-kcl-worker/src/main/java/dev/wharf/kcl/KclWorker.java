package dev.wharf.kcl;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.kinesis.common.ConfigsBuilder;
import software.amazon.kinesis.common.InitialPositionInStream;
import software.amazon.kinesis.common.InitialPositionInStreamExtended;
import software.amazon.kinesis.common.KinesisClientUtil;
import software.amazon.kinesis.coordinator.CoordinatorConfig;
import software.amazon.kinesis.coordinator.Scheduler;
import software.amazon.kinesis.leases.LeaseManagementConfig;
import software.amazon.kinesis.retrieval.RetrievalConfig;
import software.amazon.kinesis.retrieval.polling.PollingConfig;

/**
 * Runs one KCL worker, 2.x or 3.x, whichever is on the classpath, with the clients pointed at the endpoints its
 * arguments name and every processed record, checkpoint and lease event written to a file that KclIT reads.
 *
 * <p>Arguments are {@code key=value}: {@code stream}, {@code app}, {@code worker}, {@code out} (the event file),
 * {@code kinesis}, {@code dynamodb} and {@code cloudwatch} (endpoints; {@code endpoint} sets all three),
 * {@code retrieval} ({@code fanout}, the KCL's default, or {@code polling}), {@code failoverMillis}, and for KCL 3.x
 * {@code metricFile} (a file holding the worker's utilization, 0 to 100, reported as its worker metric). Apart from
 * the intervals, which are shortened so that a test sees fail-over and resharding in seconds, and the initial
 * position (TRIM_HORIZON, so that records put before the leases exist are read), the configuration is the KCL's
 * default: enhanced fan-out, CloudWatch metrics at the default level.
 */
public final class KclWorker {

    private KclWorker() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> arg = new HashMap<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            arg.put(a.substring(0, eq), a.substring(eq + 1));
        }
        EventLog log = new EventLog(Path.of(arg.get("out")));
        log.write("START", Long.toString(System.currentTimeMillis()), kclVersion());
        Scheduler scheduler = scheduler(arg, log);
        Thread worker = new Thread(scheduler, "kcl-scheduler");
        worker.start();
        worker.join();
        log.write("STOPPED");
    }

    static Scheduler scheduler(Map<String, String> arg, EventLog log) throws IOException {
        String endpoint = arg.get("endpoint");
        StaticCredentialsProvider credentials =
                StaticCredentialsProvider.create(AwsBasicCredentials.create("any", "any"));
        // The KCL's own helper: an HTTP/2 Netty client, as enhanced fan-out's SubscribeToShard needs.
        KinesisAsyncClient kinesis = KinesisClientUtil.createKinesisAsyncClient(KinesisAsyncClient.builder()
                .endpointOverride(URI.create(arg.getOrDefault("kinesis", endpoint)))
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials));
        DynamoDbAsyncClient dynamoDb = DynamoDbAsyncClient.builder()
                .endpointOverride(URI.create(arg.getOrDefault("dynamodb", endpoint)))
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .build();
        CloudWatchAsyncClient cloudWatch = CloudWatchAsyncClient.builder()
                .endpointOverride(URI.create(arg.getOrDefault("cloudwatch", endpoint)))
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .build();
        String stream = arg.get("stream");
        ConfigsBuilder configs = new ConfigsBuilder(
                stream,
                arg.get("app"),
                kinesis,
                dynamoDb,
                cloudWatch,
                arg.get("worker"),
                () -> new RecordingProcessor(log));
        InitialPositionInStreamExtended trimHorizon =
                InitialPositionInStreamExtended.newInitialPosition(InitialPositionInStream.TRIM_HORIZON);
        // intervals=default keeps every interval the KCL's own, for measuring what an application makes by default.
        boolean shortened = !"default".equals(arg.get("intervals"));
        LeaseManagementConfig leases = configs.leaseManagementConfig().initialPositionInStream(trimHorizon);
        CoordinatorConfig coordinator = configs.coordinatorConfig();
        if (shortened) {
            leases.failoverTimeMillis(Long.parseLong(arg.getOrDefault("failoverMillis", "3000")))
                    .shardSyncIntervalMillis(1_000)
                    .leasesRecoveryAuditorExecutionFrequencyMillis(1_000);
            coordinator.parentShardPollIntervalMillis(500);
        }
        RetrievalConfig retrieval = configs.retrievalConfig().initialPositionInStreamExtended(trimHorizon);
        if ("polling".equals(arg.getOrDefault("retrieval", "fanout"))) {
            retrieval.retrievalSpecificConfig(new PollingConfig(stream, kinesis).idleTimeBetweenReadsInMillis(200));
        }
        if (shortened && kclVersion().startsWith("3")) {
            // Compiled against KCL 3.x only; the 2.x worker is built from these sources without it.
            try {
                Class.forName("dev.wharf.kcl.Kcl3Settings")
                        .getMethod("apply", LeaseManagementConfig.class, CoordinatorConfig.class, Map.class)
                        .invoke(null, leases, coordinator, arg);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("KCL 3.x settings", e);
            }
        }
        return new Scheduler(
                configs.checkpointConfig(),
                coordinator,
                leases,
                configs.lifecycleConfig(),
                configs.metricsConfig(),
                configs.processorConfig(),
                retrieval);
    }

    /** The KCL's version, from its jar's manifest or its package name. */
    static String kclVersion() {
        String version = Scheduler.class.getPackage().getImplementationVersion();
        if (version != null) {
            return version;
        }
        try {
            Class.forName("software.amazon.kinesis.worker.metric.WorkerMetric");
            return "3";
        } catch (ClassNotFoundException e) {
            return "2";
        }
    }
}
