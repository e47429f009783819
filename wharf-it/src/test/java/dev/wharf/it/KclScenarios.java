package dev.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wharf.it.KclWorkerProcess.Event;
import dev.wharf.it.KclWorkerProcess.Kcl;
import java.io.IOException;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ScalingType;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * The real KCL against a real Wharf process, the scenarios of issue 13 over one stream of 4 shards and one
 * application, in order, so that the KCL's bootstrap of a new application (a random wait of 1 to 30 s before the
 * first lease sync, which no setting shortens) is paid once: two workers share the shards; one is SIGKILLed and the
 * other takes its leases from their checkpoints; the stream is split, merged and rescaled while they run; Wharf
 * itself is SIGKILLed and restarted; KCL 3.x moves leases off a loaded worker; and a second application reads the
 * same stream by polling. The workers are processes of their own ({@link KclWorkerProcess}), configured by the KCL's
 * defaults but for shorter intervals.
 *
 * <p>DynamoDB is Wharf's by default: every client is pointed at the one endpoint. Until Wharf serves DynamoDB the
 * suite is skipped with that reason; {@code -Dwharf.kcl.dynamodb=moto} runs it with moto (started from the
 * machine's {@code python3}) for the KCL's DynamoDB instead, and {@code -Dwharf.kcl.dynamodb=http://HOST:PORT} with
 * a DynamoDB that is already running.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class KclScenarios {

    private static final String STREAM = "kcl-orders";
    private static final int KEYS = 16;
    private static final long FAILOVER_MILLIS = 3_000;

    private final Kcl kcl;
    private final String app;
    private Path dir;
    private Path dataDir;
    private RestartIT.Wharf wharf;
    private int wharfPort;
    private Process moto;
    private URI dynamoDbEndpoint;
    private KinesisClient kinesis;
    private DynamoDbClient dynamoDb;
    private KclStream stream;
    private KclLeaseTable leases;
    private final Map<String, KclWorkerProcess> workers = new LinkedHashMap<>();
    private final List<KclWorkerProcess> everStarted = new ArrayList<>();

    KclScenarios(Kcl kcl, String app) {
        this.kcl = kcl;
        this.app = app;
    }

    @BeforeAll
    void startWharfAndStream() throws Exception {
        dir = Files.createTempDirectory("kcl-it");
        dataDir = dir.resolve("data");
        wharf = RestartIT.start(dataDir);
        wharfPort = wharf.endpoint().getPort();
        kinesis = KinesisClient.builder()
                .endpointOverride(wharf.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials())
                .httpClient(ApacheHttpClient.create())
                .build();
        dynamoDbEndpoint = dynamoDbEndpoint();
        dynamoDb = DynamoDbClient.builder()
                .endpointOverride(dynamoDbEndpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials())
                .httpClient(ApacheHttpClient.create())
                .build();
        leases = new KclLeaseTable(dynamoDb, app);
        stream = KclStream.create(kinesis, STREAM, 4, KEYS);
    }

    @AfterAll
    void stopAll() throws Exception {
        for (KclWorkerProcess worker : everStarted) {
            worker.kill();
        }
        if (wharf != null) {
            wharf.process().destroy();
            wharf.process().waitFor(30, TimeUnit.SECONDS);
        }
        if (moto != null) {
            moto.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    @Order(1)
    void twoWorkersShareTheShardsEveryRecordIsProcessedAndCheckpointsAdvance() throws Exception {
        put(64);
        KclWorkerProcess w1 = startWorker("w1", Map.of());
        // The second worker starts once the first has made the application's table (and, for KCL 3.x, its
        // migration state): KCL 3.5.1 workers that race to write Migration3.0 leave the loser failing every
        // initialization attempt (its leader decider is never made) until it gives up.
        awaitApplicationInitialized();
        KclWorkerProcess w2 = startWorker("w2", Map.of());
        awaitAllProcessed(Duration.ofSeconds(90));
        report("start to first record, new application (KCL's random 1-30 s lease-sync wait included)", w1);
        report("start to first record, new application, second worker", w2);
        await("both workers hold leases")
                .atMost(Duration.ofSeconds(40))
                .until(() -> Set.copyOf(leaseOwners().values()).containsAll(Set.of("w1", "w2")));
        put(32);
        awaitAllProcessed(Duration.ofSeconds(30));
        awaitCheckpointsAtLastProcessed();
        assertThat(events("REC").stream().map(Event::worker).distinct()).containsExactlyInAnyOrder("w1", "w2");
    }

    @Test
    @Order(2)
    void aKilledWorkersLeasesAreTakenOverWithinTheFailoverTimeFromTheirLastCheckpoint() throws Exception {
        Map<String, String> owners = leaseOwners();
        List<String> ofW1 = owners.entrySet().stream()
                .filter(e -> e.getValue().equals("w1"))
                .map(Map.Entry::getKey)
                .toList();
        assertThat(ofW1).isNotEmpty();
        Map<String, String> checkpoints = leaseCheckpoints();
        long killedAt = System.currentTimeMillis();
        workers.remove("w1").kill();
        put(32);
        await("w2 holds every lease")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> leaseOwners().values().stream().allMatch("w2"::equals));
        long takeoverMillis = System.currentTimeMillis() - killedAt;
        System.out.printf(
                "KCL %s: leases of a SIGKILLed worker taken over in %d ms (failover %d ms)%n",
                kcl, takeoverMillis, FAILOVER_MILLIS);
        assertThat(takeoverMillis).isLessThan(5 * FAILOVER_MILLIS + 5_000);
        awaitAllProcessed(Duration.ofSeconds(30));
        for (String shard : ofW1) {
            Event init = events("INIT").stream()
                    .filter(e -> e.worker().equals("w2") && e.shardId().equals(shard) && e.atMillis() >= killedAt)
                    .findFirst()
                    .orElseThrow();
            assertThat(init.fields().get(1))
                    .as("w2 resumes %s from w1's checkpoint", shard)
                    .contains(checkpoints.get(shard));
        }
        // A second worker for the scenarios that follow; KCL 3.x gives it leases as the stream's shards change or
        // as the workers' metrics differ, KCL 2.x as it steals them to even the counts.
        startWorker("w3", Map.of());
    }

    @Test
    @Order(3)
    void splitMergeAndRescaleWhileRunningChildrenFollowTheirParentsShardEnd() throws Exception {
        put(32);
        Shard first = openShards().get(0);
        BigInteger start = new BigInteger(first.hashKeyRange().startingHashKey());
        BigInteger end = new BigInteger(first.hashKeyRange().endingHashKey());
        kinesis.splitShard(b -> b.streamName(STREAM)
                .shardToSplit(first.shardId())
                .newStartingHashKey(start.add(end).shiftRight(1).toString()));
        stream.awaitActive();
        put(32);
        List<Shard> open = openShards();
        Shard left = open.get(open.size() - 2);
        Shard right = open.get(open.size() - 1);
        kinesis.mergeShards(
                b -> b.streamName(STREAM).shardToMerge(left.shardId()).adjacentShardToMerge(right.shardId()));
        stream.awaitActive();
        put(32);
        kinesis.updateShardCount(
                b -> b.streamName(STREAM).targetShardCount(6).scalingType(ScalingType.UNIFORM_SCALING));
        stream.awaitActive();
        put(32);
        awaitAllProcessed(Duration.ofSeconds(50));

        Map<String, Long> endedAt = new HashMap<>();
        for (Event e : events("END")) {
            endedAt.merge(e.shardId(), e.atMillis(), Math::min);
        }
        Map<String, Long> firstRecordAt = new HashMap<>();
        for (Event e : events("REC")) {
            firstRecordAt.merge(e.shardId(), e.atMillis(), Math::min);
        }
        for (Shard shard : kinesis.listShards(b -> b.streamName(STREAM)).shards()) {
            Long firstRecord = firstRecordAt.get(shard.shardId());
            if (firstRecord == null) {
                continue;
            }
            for (String parent : new String[] {shard.parentShardId(), shard.adjacentParentShardId()}) {
                if (parent != null && firstRecordAt.containsKey(parent)) {
                    assertThat(endedAt)
                            .as("parent %s of %s reached SHARD_END", parent, shard.shardId())
                            .containsKey(parent);
                    assertThat(firstRecord)
                            .as("%s read only after its parent %s ended", shard.shardId(), parent)
                            .isGreaterThanOrEqualTo(endedAt.get(parent));
                }
            }
        }
        assertOrderPerKey();
    }

    @Test
    @Order(4)
    void wharfSigkilledAndRestartedTheWorkersRecoverAndReprocessNothingCheckpointed() throws Exception {
        put(32);
        awaitAllProcessed(Duration.ofSeconds(30));
        awaitCheckpointsAtLastProcessed();
        Map<String, BigInteger> checkpointed = new HashMap<>();
        for (Event e : events("CKPT")) {
            checkpointed.merge(e.shardId(), new BigInteger(e.sequenceNumber()), BigInteger::max);
        }
        long killedAt = System.currentTimeMillis();
        wharf.process().destroyForcibly();
        assertThat(wharf.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(2_000);
        wharf = RestartIT.start(Map.of(), "--port", Integer.toString(wharfPort), "--data-dir", dataDir.toString());
        put(32);
        awaitAllProcessed(Duration.ofSeconds(50));
        for (Event e : events("REC")) {
            BigInteger checkpoint = checkpointed.get(e.shardId());
            if (e.atMillis() > killedAt && checkpoint != null) {
                assertThat(new BigInteger(e.sequenceNumber()))
                        .as("record %s on %s processed after the restart", e.data(), e.shardId())
                        .isGreaterThan(checkpoint);
            }
        }
        assertThat(workers.values()).allMatch(KclWorkerProcess::isAlive);
    }

    @Test
    @Order(6)
    void kclMetricsReachCloudWatchOnTheSameEndpoint() {
        try (CloudWatchClient cloudWatch = CloudWatchClient.builder()
                .endpointOverride(wharf.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials())
                .httpClient(ApacheHttpClient.create())
                .build()) {
            await("the KCL's metrics in namespace " + app)
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> !cloudWatch
                            .listMetrics(b -> b.namespace(app))
                            .metrics()
                            .isEmpty());
        }
    }

    @Test
    @Order(7)
    void pollingRetrievalProcessesEveryRecordWithTwoWorkers() throws Exception {
        for (KclWorkerProcess worker : workers.values()) {
            worker.kill();
        }
        workers.clear();
        startWorker("p1", Map.of("retrieval", "polling", "app", app + "-polling"));
        startWorker("p2", Map.of("retrieval", "polling", "app", app + "-polling"));
        put(32);
        await("the polling application processes every record")
                .atMost(Duration.ofSeconds(90))
                .until(() -> processedBy(Set.of("p1", "p2")).containsAll(allPut()));
    }

    // Helpers.

    KclWorkerProcess startWorker(String name, Map<String, String> extra) throws IOException {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("stream", STREAM);
        settings.put("app", app);
        settings.put("kinesis", wharf.endpoint().toString());
        settings.put("cloudwatch", wharf.endpoint().toString());
        settings.put("dynamodb", dynamoDbEndpoint.toString());
        settings.put("failoverMillis", Long.toString(FAILOVER_MILLIS));
        settings.putAll(workerSettings(name));
        settings.putAll(extra);
        KclWorkerProcess worker = KclWorkerProcess.start(kcl, dir, name, settings);
        workers.put(name, worker);
        everStarted.add(worker);
        return worker;
    }

    /** Settings a subclass adds for each worker. */
    Map<String, String> workerSettings(String name) {
        return Map.of();
    }

    Path dir() {
        return dir;
    }

    Map<String, KclWorkerProcess> workers() {
        return workers;
    }

    void put(int count) {
        stream.put(count);
    }

    List<String> allPut() {
        return stream.allPut();
    }

    /** The events of one type that the first application's workers wrote, worker by worker, each in order. */
    List<Event> events(String type) {
        List<Event> all = new ArrayList<>();
        for (KclWorkerProcess worker : everStarted) {
            if (worker.worker().startsWith("p")) {
                continue; // the polling application's
            }
            for (Event e : worker.events()) {
                if (e.type().equals(type)) {
                    all.add(e);
                }
            }
        }
        return all;
    }

    Set<String> processedBy(Set<String> names) {
        return everStarted.stream()
                .filter(w -> names.contains(w.worker()))
                .flatMap(w -> w.events().stream())
                .filter(e -> e.type().equals("REC"))
                .map(Event::data)
                .collect(Collectors.toSet());
    }

    void awaitAllProcessed(Duration atMost) {
        stream.awaitProcessed(() -> events("REC"), atMost);
    }

    /** The lease table's checkpoint of each shard reaches the last record processed on it. */
    void awaitCheckpointsAtLastProcessed() {
        leases.awaitCheckpointsAtLastProcessed(() -> events("REC"));
    }

    /** Per partition key, records are first processed in the order they were put, across parents and children. */
    void assertOrderPerKey() {
        Map<String, Long> firstSeen = new HashMap<>();
        for (Event e : events("REC")) {
            firstSeen.merge(e.data(), e.atMillis(), Math::min);
        }
        stream.putByKey().forEach((key, data) -> {
            for (int i = 1; i < data.size(); i++) {
                assertThat(firstSeen.get(data.get(i)))
                        .as("%s processed no earlier than %s", data.get(i), data.get(i - 1))
                        .isGreaterThanOrEqualTo(firstSeen.get(data.get(i - 1)));
            }
        });
    }

    private void awaitApplicationInitialized() {
        await("the application's lease table" + (kcl == Kcl.V3 ? " and migration state" : ""))
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .ignoreExceptions()
                .until(() -> kcl == Kcl.V2
                        ? !tableItems().isEmpty() || dynamoDb.describeTable(b -> b.tableName(app)) != null
                        : tableItems().stream()
                                .anyMatch(item -> item.get("leaseKey").s().equals("Migration3.0")));
    }

    /** Lease key to owner, for the shards' leases that have one. */
    Map<String, String> leaseOwners() {
        return leases.owners();
    }

    Map<String, String> leaseCheckpoints() {
        return leases.checkpoints();
    }

    List<Map<String, AttributeValue>> tableItems() {
        return leases.items();
    }

    private List<Shard> openShards() {
        return kinesis.listShards(b -> b.streamName(STREAM)).shards().stream()
                .filter(s -> s.sequenceNumberRange().endingSequenceNumber() == null)
                .sorted(Comparator.comparing(
                        s -> new BigInteger(s.hashKeyRange().startingHashKey())))
                .toList();
    }

    private void report(String what, KclWorkerProcess worker) {
        long firstRecord = worker.events().stream()
                .filter(e -> e.type().equals("REC"))
                .mapToLong(Event::atMillis)
                .min()
                .orElse(-1);
        if (firstRecord > 0) {
            System.out.printf("KCL %s: %s: %d ms%n", kcl, what, firstRecord - worker.startedMillis());
        }
    }

    private URI dynamoDbEndpoint() throws Exception {
        String chosen = System.getProperty("wharf.kcl.dynamodb", "wharf");
        if (chosen.startsWith("http")) {
            return URI.create(chosen); // a DynamoDB already running, such as a logging proxy in front of moto
        }
        if (chosen.equals("moto")) {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            moto = new ProcessBuilder("python3", "-m", "moto.server", "-H", "127.0.0.1", "-p", Integer.toString(port))
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("moto.log").toFile())
                    .start();
            URI endpoint = URI.create("http://127.0.0.1:" + port);
            await("moto").atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
                try (DynamoDbClient probe = DynamoDbClient.builder()
                        .endpointOverride(endpoint)
                        .region(Region.US_EAST_1)
                        .credentialsProvider(credentials())
                        .httpClient(ApacheHttpClient.create())
                        .build()) {
                    probe.listTables();
                    return true;
                }
            });
            return endpoint;
        }
        List<String> missing = missingDynamoDbOperations(wharf.endpoint());
        if (!missing.isEmpty()) {
            Assumptions.abort("Wharf does not serve the DynamoDB operations " + missing + " that the KCL keeps its "
                    + "leases with (wharf-dynamodb is being built), so the KCL cannot run on Wharf alone yet; run "
                    + "with -Dwharf.kcl.dynamodb=moto to keep the leases in moto meanwhile");
        }
        return wharf.endpoint();
    }

    /**
     * The DynamoDB operations the KCL calls (docs/KCL-DYNAMODB-CALLS.md) that the endpoint does not serve: each is
     * asked of a table that does not exist, which a server that has the operation answers ResourceNotFoundException.
     */
    private static List<String> missingDynamoDbOperations(URI endpoint) {
        Map<String, AttributeValue> key = Map.of("leaseKey", AttributeValue.fromS("probe"));
        String table = "kcl-probe-no-such-table";
        Map<String, java.util.function.Consumer<DynamoDbClient>> calls = new LinkedHashMap<>();
        calls.put("DescribeTable", c -> c.describeTable(b -> b.tableName(table)));
        calls.put("GetItem", c -> c.getItem(b -> b.tableName(table).key(key)));
        calls.put("PutItem", c -> c.putItem(b -> b.tableName(table).item(key)));
        calls.put(
                "UpdateItem",
                c -> c.updateItem(b -> b.tableName(table)
                        .key(key)
                        .updateExpression("SET a = :a")
                        .expressionAttributeValues(Map.of(":a", AttributeValue.fromN("1")))));
        calls.put("DeleteItem", c -> c.deleteItem(b -> b.tableName(table).key(key)));
        calls.put("Scan", c -> c.scan(b -> b.tableName(table)));
        calls.put(
                "Query",
                c -> c.query(b -> b.tableName(table)
                        .keyConditionExpression("leaseKey = :k")
                        .expressionAttributeValues(Map.of(":k", AttributeValue.fromS("probe")))));
        List<String> missing = new ArrayList<>();
        try (DynamoDbClient probe = DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials())
                .httpClient(ApacheHttpClient.create())
                .build()) {
            calls.forEach((operation, call) -> {
                try {
                    call.accept(probe);
                    missing.add(operation + " (answered for a missing table)");
                } catch (ResourceNotFoundException e) {
                    // served
                } catch (SdkException e) {
                    missing.add(operation);
                }
            });
        }
        return missing;
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("any", "any"));
    }
}
