package dev.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wharf.it.KclWorkerProcess.Event;
import dev.wharf.server.WharfConfig;
import dev.wharf.server.WharfServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * A KCL application in another language, run as the KCL runs one: the real MultiLangDaemon (KCL 3.1.3, the newest
 * on Maven Central as this build reaches it) in a process of its own ({@code wharf-kcl-multilang}), which starts one
 * Node.js record processor per shard (npm's {@code aws-kcl}, installed with {@code npm ci} from the module's lock
 * file) and speaks the MultiLang protocol with it over its standard input and output. The daemon's own properties
 * point its Kinesis, DynamoDB and CloudWatch clients at one Wharf endpoint. Python's {@code amazon_kclpy} is the same
 * protocol to the same daemon, but installs from PyPI, which this build cannot reach.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KclMultiLangIT {

    private static final String APP = "kcl-multilang-app";
    private static final String STREAM = "kcl-multilang-orders";
    private static final int SHARDS = 2;
    private static final Duration NPM_CI_MAX = Duration.ofMinutes(3);

    private Path dir;
    private WharfServer wharf;
    private KinesisClient kinesis;
    private DynamoDbClient dynamoDb;
    private CloudWatchClient cloudWatch;
    private KclWorkerProcess daemon;

    @BeforeAll
    void installTheNodeProcessorAndStartWharf() throws Exception {
        Assumptions.assumeTrue(
                runs("node", "--version") && runs("npm", "--version"),
                "the Node.js record processor needs node and npm on the PATH (Debian: apt-get install nodejs npm; "
                        + ".ci/run installs them)");
        dir = Files.createTempDirectory("kcl-multilang-it");
        npmCi(KclWorkerProcess.nodeProcessorDirectory());
        wharf = LocalWharf.inMemory(WharfConfig.Limits.defaults());
        kinesis = LocalWharf.client(KinesisClient.builder(), wharf.endpoint());
        dynamoDb = LocalWharf.client(DynamoDbClient.builder(), wharf.endpoint());
        cloudWatch = LocalWharf.client(CloudWatchClient.builder(), wharf.endpoint());
    }

    @AfterAll
    void stopAll() throws Exception {
        if (daemon != null) {
            daemon.kill(); // nothing left to kill after a clean stop; the daemon and its processors after a failure
        }
        for (AutoCloseable client : new AutoCloseable[] {kinesis, dynamoDb, cloudWatch, wharf}) {
            if (client != null) {
                client.close();
            }
        }
    }

    @Test
    void theNodeProcessorProcessesEveryRecordAndCheckpointsThroughTheDaemonOnWharfAlone() throws Exception {
        KclStream stream = KclStream.create(kinesis, STREAM, SHARDS, 8);
        stream.put(40);
        daemon = KclWorkerProcess.startMultiLang(
                dir,
                "node-1",
                daemonProperties(wharf.endpoint()),
                Map.of(
                        "AWS_ACCESS_KEY_ID", "test",
                        "AWS_SECRET_ACCESS_KEY", "test"));
        // A new application's first worker waits a random 1 to 30 s before it makes the leases (the KCL's rule).
        stream.awaitProcessed(daemon::events, Duration.ofSeconds(75));
        stream.put(20);
        stream.awaitProcessed(daemon::events, Duration.ofSeconds(20));

        assertThat(daemon.descendants())
                .as("the daemon's record processors, one per shard")
                .hasSize(SHARDS)
                .allSatisfy(p -> assertThat(p.info().command())
                        .hasValueSatisfying(c ->
                                assertThat(Path.of(c).getFileName().toString()).startsWith("node")));
        KclLeaseTable leases = new KclLeaseTable(dynamoDb, APP);
        leases.awaitCheckpointsAtLastProcessed(daemon::events);
        assertThat(leases.checkpoints()).hasSize(SHARDS).allSatisfy((shard, checkpoint) -> assertThat(checkpoint)
                .as("checkpoint of %s", shard)
                .matches("[0-9]+"));
        assertThat(shardsWith("CKPT")).hasSize(SHARDS);

        await("the KCL's metrics in namespace " + APP + ", through the daemon's CloudWatch client")
                .atMost(Duration.ofSeconds(30))
                .until(() ->
                        !cloudWatch.listMetrics(b -> b.namespace(APP)).metrics().isEmpty());

        KclWorkerProcess.Stopped stopped = daemon.stop(Duration.ofSeconds(30));
        assertThat(stopped.exitedInTime()).as("the daemon exits on SIGTERM").isTrue();
        assertThat(stopped.leftRunning()).as("record processors left running").isEmpty();
        assertThat(shardsWith("SHUTDOWN"))
                .as("shards whose processor checkpointed at the daemon's graceful shutdown")
                .hasSize(SHARDS);
    }

    /**
     * The daemon's properties, by their names in KCL 3.x's {@code MultiLangDaemonConfiguration}: one endpoint for
     * the three clients ({@code kinesisEndpoint} and {@code dynamoDBEndpoint} have setters of their own; CloudWatch
     * has none, so its client builder's {@code endpointOverride} is set directly), the KCL's defaults (enhanced
     * fan-out) but for shorter intervals, and a grace period for SIGTERM, which is 0 unless set: the shutdown hook
     * would then give up at once, without the processors' shutdown checkpoints.
     */
    private static Map<String, String> daemonProperties(String endpoint) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("applicationName", APP);
        properties.put("streamName", STREAM);
        properties.put("processingLanguage", "nodejs");
        properties.put("AwsCredentialsProvider", "EnvironmentVariableCredentialsProvider");
        properties.put("regionName", "us-east-1");
        properties.put("kinesisEndpoint", endpoint);
        properties.put("dynamoDBEndpoint", endpoint);
        properties.put("cloudWatchClient.endpointOverride", endpoint);
        properties.put("initialPositionInStream", "TRIM_HORIZON");
        properties.put("failoverTimeMillis", "3000");
        properties.put("shardSyncIntervalMillis", "1000");
        properties.put("leaseAssignmentIntervalMillis", "1000");
        properties.put("parentShardPollIntervalMillis", "500");
        properties.put("taskBackoffTimeMillis", "100");
        properties.put("metricsBufferTimeMillis", "1000");
        properties.put("inMemoryWorkerMetricsCaptureFrequencyMillis", "200");
        properties.put("workerMetricsReporterFreqInMillis", "1000");
        properties.put("fanoutConfig.retryBackoffMillis", "200");
        properties.put("shutdownGraceMillis", "20000");
        return properties;
    }

    private Set<String> shardsWith(String type) {
        return daemon.events().stream()
                .filter(e -> e.type().equals(type))
                .map(Event::shardId)
                .collect(Collectors.toSet());
    }

    /** Installs the processor's packages exactly as its lock file pins them, running no package's scripts. */
    private void npmCi(Path directory) throws IOException, InterruptedException {
        Path log = dir.resolve("npm-ci.log");
        Process npm = new ProcessBuilder(List.of("npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"))
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!npm.waitFor(NPM_CI_MAX.toSeconds(), TimeUnit.SECONDS)) {
            npm.descendants().forEach(ProcessHandle::destroyForcibly);
            npm.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("npm ci did not finish within " + NPM_CI_MAX + ": " + Files.readString(log));
        }
        assertThat(npm.exitValue())
                .as("npm ci in %s: %s", directory, Files.readString(log))
                .isZero();
    }

    private static boolean runs(String... command) {
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return false;
            }
            return process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
