package dev.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wharf.it.KclWorkerProcess.Event;
import dev.wharf.it.KclWorkerProcess.Kcl;
import dev.wharf.server.WharfConfig;
import dev.wharf.server.WharfServer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * The real Kinesis Producer Library (1.x, its native daemon as the jar ships it, run by {@code wharf-kpl-producer} in
 * a JVM of its own) puts aggregated records over Wharf's HTTPS port, and the real KCL 3.x ({@code wharf-kcl-worker})
 * de-aggregates them from the plain port: issue 13's "the KPL's aggregated records de-aggregated by the KCL", with
 * the KPL's metrics in Wharf's CloudWatch. Wharf runs in this JVM and serves Kinesis, DynamoDB and CloudWatch alone.
 */
class KplIT {

    private static final String STREAM = "kpl-orders";
    private static final String APP = "kpl-consumer";
    private static final int USER_RECORDS = 200;
    /** Every tenth record names its shard by an explicit hash key instead of its partition key's MD5. */
    private static final int EXPLICIT_HASH_KEY_EVERY = 10;
    /** What the KPL writes at the start of an aggregated record (its aggregation format). */
    private static final byte[] KPL_MAGIC = {(byte) 0xF3, (byte) 0x89, (byte) 0x9A, (byte) 0xC2};

    private static final int MD5_BYTES = 16;

    private WharfServer wharf;
    private Process producer;
    private KclWorkerProcess worker;

    @AfterEach
    void stop() throws Exception {
        if (worker != null) {
            worker.kill();
        }
        if (producer != null) {
            // The KPL's native daemon is the producer JVM's child: it goes first, so that none outlives the test.
            producer.descendants().forEach(ProcessHandle::destroyForcibly);
            producer.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        if (wharf != null) {
            wharf.close();
        }
    }

    @Test
    void kplAggregatedRecordsAreDeaggregatedByTheKclExactlyAsPutAndTheKplMetricsReachCloudWatch(@TempDir Path dir)
            throws Exception {
        wharf = LocalWharf.inMemoryWithTls(WharfConfig.Limits.defaults());
        try (KinesisClient kinesis = LocalWharf.client(KinesisClient.builder(), wharf.endpoint());
                DynamoDbClient dynamoDb = LocalWharf.client(DynamoDbClient.builder(), wharf.endpoint());
                CloudWatchClient cloudWatch = LocalWharf.client(CloudWatchClient.builder(), wharf.endpoint())) {
            kinesis.createStream(b -> b.streamName(STREAM).shardCount(2));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> kinesis.describeStreamSummary(b -> b.streamName(STREAM))
                                    .streamDescriptionSummary()
                                    .streamStatus()
                            == StreamStatus.ACTIVE);
            // The consumer starts first: a new application's first worker waits 1 to 30 s (the KCL's own rule)
            // before it makes the leases, and that wait is the longest part of the test.
            worker = KclWorkerProcess.start(Kcl.V3, dir, "w1", workerSettings());
            Map<String, UserRecord> put = userRecords();
            producer = startProducer(dir, put.values());

            List<Result> results = awaitResults(dir.resolve("results.tsv"));
            Map<String, Result> byData = results.stream().collect(Collectors.toMap(Result::data, r -> r));
            assertThat(results.stream().filter(r -> r.status().equals("FAILED")))
                    .as("records the KPL failed")
                    .isEmpty();
            assertThat(results.stream().filter(r -> r.status().equals("OK")).map(Result::data))
                    .containsExactlyInAnyOrderElementsOf(put.keySet());

            Set<String> plain = assertTheWireHoldsKplAggregates(kinesis, put, byData);
            assertTheKclProcessedEachRecordOnceAsPut(put, byData, plain);
            assertTheCheckpointsAreAtTheLastUserRecords(dynamoDb);
            assertTheKplMetricsAreInCloudWatch(cloudWatch, results.size());
        }
    }

    /** The KPL's answer for one user record: the Kinesis record (shard, sequence number) that carries it. */
    private record Result(String status, String partitionKey, String data, String shardId, String sequenceNumber) {}

    private record UserRecord(String partitionKey, String explicitHashKey, String data) {}

    /** Distinct partition keys; every tenth record with an explicit hash key, spread over the whole key space. */
    private static Map<String, UserRecord> userRecords() {
        Map<String, UserRecord> records = new LinkedHashMap<>();
        BigInteger keySpace = BigInteger.TWO.pow(128);
        for (int i = 0; i < USER_RECORDS; i++) {
            String explicitHashKey = i % EXPLICIT_HASH_KEY_EVERY == 0
                    ? keySpace.multiply(BigInteger.valueOf(i))
                            .divide(BigInteger.valueOf(USER_RECORDS))
                            .toString()
                    : "";
            String data = "order-" + i + "-" + "x".repeat(i % 37);
            records.put(data, new UserRecord("customer-" + i, explicitHashKey, data));
        }
        return records;
    }

    private Map<String, String> workerSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("stream", STREAM);
        settings.put("app", APP);
        settings.put("endpoint", wharf.endpoint());
        return settings;
    }

    private Process startProducer(Path dir, Iterable<UserRecord> records) throws Exception {
        List<String> lines = new ArrayList<>();
        for (UserRecord r : records) {
            lines.add(r.partitionKey() + "\t" + r.explicitHashKey() + "\t" + r.data());
        }
        Path in = Files.write(dir.resolve("records.tsv"), lines, StandardCharsets.UTF_8);
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                KclWorkerProcess.moduleClassPath("wharf.kpl.producer", "wharf-kpl-producer", "producer.classpath"),
                "dev.wharf.kpl.KplProducer",
                "stream=" + STREAM,
                "host=127.0.0.1",
                "port=" + wharf.tlsPort(),
                "in=" + in,
                "out=" + dir.resolve("results.tsv"),
                // The KPL uploads its metrics every minute by default; every second here, and it stays up long enough
                // after its last record for the uploads that count it.
                "metricsUploadDelayMillis=1000",
                "lingerMillis=20000");
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("producer.log").toFile())
                .start();
    }

    private List<Result> awaitResults(Path file) throws Exception {
        await("the KPL's answers for every record")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> Files.exists(file) || !producer.isAlive());
        assertThat(file).as("the producer's results (else see producer.log)").exists();
        List<Result> results = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] f = line.split("\t", -1);
            results.add(
                    f[0].equals("FAILED")
                            ? new Result(f[0], f[1], f[2], "", f[3])
                            : new Result(f[0], f[1], f[2], f[3], f[4]));
        }
        return results;
    }

    /**
     * Each Kinesis record that the KPL said carries one of the user records is, as GetRecords returns it, a KPL
     * aggregate: the magic, then the protobuf message, then the MD5 of that message, byte for byte. The one exception is
     * the KPL's own: a record whose aggregate held a single user record goes as that record's bytes. Returns those.
     */
    private static Set<String> assertTheWireHoldsKplAggregates(
            KinesisClient kinesis, Map<String, UserRecord> put, Map<String, Result> byData) throws Exception {
        Map<String, Record> onWire = new HashMap<>();
        for (String shardId : List.of("shardId-000000000000", "shardId-000000000001")) {
            String iterator = kinesis.getShardIterator(b ->
                            b.streamName(STREAM).shardId(shardId).shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                    .shardIterator();
            for (Record r : kinesis.getRecords(b -> b.shardIterator(iterator)).records()) {
                onWire.put(r.sequenceNumber(), r);
            }
        }
        List<String> carriers = put.keySet().stream()
                .map(data -> byData.get(data).sequenceNumber())
                .distinct()
                .toList();
        assertThat(carriers.size())
                .as("Kinesis records carrying %d user records", USER_RECORDS)
                .isLessThan(USER_RECORDS / 4);
        Map<String, List<String>> carried = put.keySet().stream()
                .collect(Collectors.groupingBy(data -> byData.get(data).sequenceNumber()));
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        Set<String> plain = new HashSet<>();
        for (String sequenceNumber : carriers) {
            assertThat(onWire).as("GetRecords returns %s", sequenceNumber).containsKey(sequenceNumber);
            byte[] data = onWire.get(sequenceNumber).data().asByteArray();
            List<String> users = carried.get(sequenceNumber);
            if (users.size() == 1 && !Arrays.equals(Arrays.copyOf(data, KPL_MAGIC.length), KPL_MAGIC)) {
                // The KPL puts an aggregate that its flush left with one user record as that record alone.
                assertThat(new String(data, StandardCharsets.UTF_8))
                        .as("the lone user record that %s carries", sequenceNumber)
                        .isEqualTo(users.get(0));
                plain.add(sequenceNumber);
                continue;
            }
            assertThat(Arrays.copyOf(data, KPL_MAGIC.length))
                    .as("the start of %s", sequenceNumber)
                    .isEqualTo(KPL_MAGIC);
            byte[] message = Arrays.copyOfRange(data, KPL_MAGIC.length, data.length - MD5_BYTES);
            assertThat(Arrays.copyOfRange(data, data.length - MD5_BYTES, data.length))
                    .as("the MD5 that ends %s", sequenceNumber)
                    .isEqualTo(md5.digest(message));
        }
        return plain;
    }

    /**
     * The KCL hands the processor every user record exactly once, with its partition key and data, in the Kinesis
     * record the KPL put it in, marked aggregated, and numbered by sub-sequence 0, 1, … within that record.
     */
    private void assertTheKclProcessedEachRecordOnceAsPut(
            Map<String, UserRecord> put, Map<String, Result> byData, Set<String> plain) {
        await("the KCL processes every user record")
                .atMost(Duration.ofSeconds(50))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> processed().stream()
                        .map(Event::data)
                        .collect(Collectors.toSet())
                        .containsAll(put.keySet()));
        List<Event> processed = processed();
        assertThat(processed.stream().map(Event::data))
                .as("every record the KPL put, warm-up ones included, processed once")
                .containsExactlyInAnyOrderElementsOf(byData.keySet());
        for (Event e : processed) {
            Result result = byData.get(e.data());
            assertThat(e.partitionKey()).as("partition key of %s", e.data()).isEqualTo(result.partitionKey());
            assertThat(e.shardId()).as("shard of %s", e.data()).isEqualTo(result.shardId());
            assertThat(e.sequenceNumber()).as("sequence number of %s", e.data()).isEqualTo(result.sequenceNumber());
        }
        for (Event e : processed) {
            if (put.containsKey(e.data()) && !plain.contains(e.sequenceNumber())) {
                assertThat(e.fields().get(5))
                        .as("%s came de-aggregated", e.data())
                        .isEqualTo("true");
            }
        }
        Map<String, List<Long>> subSequences = new TreeMap<>();
        for (Event e : processed) {
            subSequences
                    .computeIfAbsent(e.sequenceNumber(), k -> new ArrayList<>())
                    .add(Long.parseLong(e.fields().get(2)));
        }
        subSequences.forEach((sequenceNumber, numbers) -> assertThat(numbers)
                .as("sub-sequence numbers within %s", sequenceNumber)
                .containsExactlyElementsOf(IntStream.range(0, numbers.size())
                        .mapToObj(n -> (long) n)
                        .toList()));
    }

    /** The lease of each shard is checkpointed at the last user record processed on it: sequence and sub-sequence. */
    private void assertTheCheckpointsAreAtTheLastUserRecords(DynamoDbClient dynamoDb) {
        Map<String, String[]> last = new HashMap<>();
        for (Event e : processed()) {
            last.put(e.shardId(), new String[] {e.sequenceNumber(), e.fields().get(2)});
        }
        await("checkpoints at the last user record of each shard")
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> {
                    Map<String, Map<String, AttributeValue>> leases = new HashMap<>();
                    dynamoDb.scanPaginator(b -> b.tableName(APP).consistentRead(true)).items().stream()
                            .filter(item -> item.get("leaseKey").s().startsWith("shardId-"))
                            .forEach(item -> leases.put(item.get("leaseKey").s(), item));
                    last.forEach((shard, position) -> {
                        assertThat(leases).containsKey(shard);
                        assertThat(leases.get(shard).get("checkpoint").s())
                                .as("checkpoint of %s", shard)
                                .isEqualTo(position[0]);
                        assertThat(leases.get(shard)
                                        .get("checkpointSubSequenceNumber")
                                        .n())
                                .as("checkpoint sub-sequence of %s", shard)
                                .isEqualTo(position[1]);
                    });
                });
    }

    /**
     * The KPL's daemon publishes its own metrics with PutMetricData (Smithy RPC v2 CBOR) to the same HTTPS port; the
     * count of user records put under the stream's dimension adds up to every record it put.
     */
    private static void assertTheKplMetricsAreInCloudWatch(CloudWatchClient cloudWatch, int putByKpl) {
        await("the KPL's metrics in namespace KinesisProducerLibrary")
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    List<Metric> metrics = cloudWatch
                            .listMetrics(b -> b.namespace("KinesisProducerLibrary"))
                            .metrics();
                    assertThat(metrics.stream().map(Metric::metricName))
                            .contains("UserRecordsPut", "KinesisRecordsPut", "UserRecordsPerKinesisRecord");
                    double sum = cloudWatch
                            .getMetricStatistics(b -> b.namespace("KinesisProducerLibrary")
                                    .metricName("UserRecordsPut")
                                    .dimensions(d -> d.name("StreamName").value(STREAM))
                                    .startTime(Instant.now().minus(Duration.ofHours(1)))
                                    .endTime(Instant.now().plus(Duration.ofHours(1)))
                                    .period(3_600)
                                    .statisticsWithStrings("Sum"))
                            .datapoints()
                            .stream()
                            .mapToDouble(d -> d.sum())
                            .sum();
                    assertThat(sum).as("UserRecordsPut for the stream").isEqualTo(putByKpl);
                });
    }

    private List<Event> processed() {
        return worker.events().stream().filter(e -> e.type().equals("REC")).toList();
    }
}
