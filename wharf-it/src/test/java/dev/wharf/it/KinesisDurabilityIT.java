package dev.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import software.amazon.awssdk.services.kinesis.model.Tag;
import software.amazon.awssdk.services.kinesis.waiters.KinesisWaiter;

/**
 * Kinesis through a SIGKILL of a real Wharf process (sync store): every stream whose CreateStream was answered is there
 * after the restart, with its shards, retention and tags, and a stream whose deletion was answered is not; and with
 * producers putting records on several shards when the process dies, every acknowledged record is read back, in
 * order within its shard, none missing and none twice.
 */
class KinesisDurabilityIT {

    private static KinesisClient client(URI endpoint) {
        return KinesisClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(ApacheHttpClient.create())
                .build();
    }

    @Test
    void streamsSurviveSigkill(@TempDir Path dataDir) throws Exception {
        List<String> acknowledged = new ArrayList<>();
        RestartIT.Wharf first = RestartIT.start(dataDir);
        try (KinesisClient kinesis = client(first.endpoint())) {
            for (int i = 0; i < 20; i++) {
                String name = "kill-" + i;
                kinesis.createStream(b -> b.streamName(name).shardCount(2).tags(Map.of("n", name)));
                acknowledged.add(name);
            }
            kinesis.increaseStreamRetentionPeriod(b -> b.streamName("kill-0").retentionPeriodHours(96));
            kinesis.createStream(b -> b.streamName("deleted").shardCount(1));
            kinesis.deleteStream(b -> b.streamName("deleted"));
        } finally {
            first.process().destroyForcibly();
            assertThat(first.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(first.process().exitValue()).as("killed by SIGKILL").isEqualTo(137);

        RestartIT.Wharf second = RestartIT.start(dataDir);
        try (KinesisClient kinesis = client(second.endpoint())) {
            assertThat(kinesis.listStreams(b -> b.limit(1000)).streamNames())
                    .as("every acknowledged stream; the deleted one at most DELETING")
                    .containsAll(acknowledged);
            var summary =
                    kinesis.describeStreamSummary(b -> b.streamName("kill-0")).streamDescriptionSummary();
            assertThat(summary.retentionPeriodHours()).isEqualTo(96);
            assertThat(summary.streamStatus()).isIn(StreamStatus.CREATING, StreamStatus.ACTIVE);
            assertThat(kinesis.listTagsForStream(b -> b.streamName("kill-7")).tags())
                    .containsExactly(Tag.builder().key("n").value("kill-7").build());
            try (KinesisWaiter waiter = KinesisWaiter.builder()
                    .client(kinesis)
                    .overrideConfiguration(WaiterOverrideConfiguration.builder()
                            .maxAttempts(50)
                            .backoffStrategy(attempt -> java.time.Duration.ofMillis(100))
                            .build())
                    .build()) {
                waiter.waitUntilStreamExists(b -> b.streamName("kill-19"));
                waiter.waitUntilStreamNotExists(b -> b.streamName("deleted"));
            }
            assertThat(kinesis.listShards(b -> b.streamName("kill-19")).shards())
                    .hasSize(2);
            assertThat(kinesis.listStreams(b -> b.limit(1000)).streamNames()).doesNotContain("deleted");
        } finally {
            second.process().destroy();
            assertThat(second.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    /** A record a producer was told is stored: its shard, sequence number and data. */
    private record Acked(String shardId, BigInteger sequence, String data) {}

    @Test
    void acknowledgedRecordsSurviveSigkillInOrderWithoutDuplicates(@TempDir Path dataDir) throws Exception {
        // Limits off: the test is about what was acknowledged, and a refused record is not acknowledged anyway.
        Map<String, String> env = Map.of("WHARF_KINESIS_THROUGHPUT_LIMITS", "false");
        RestartIT.Wharf first = RestartIT.start(env, "--port", "0", "--data-dir", dataDir.toString());
        Queue<Acked> acked = new ConcurrentLinkedQueue<>();
        AtomicInteger attempted = new AtomicInteger();
        try (KinesisClient kinesis = client(first.endpoint())) {
            kinesis.createStream(b -> b.streamName("records").shardCount(4));
            try (KinesisWaiter waiter = KinesisWaiter.builder().client(kinesis).build()) {
                waiter.waitUntilStreamExists(b -> b.streamName("records"));
            }
            ExecutorService producers = Executors.newFixedThreadPool(4);
            for (int p = 0; p < 4; p++) {
                int producer = p;
                producers.submit(() -> produce(kinesis, producer, acked, attempted));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> acked.size() >= 3_000);
            first.process().destroyForcibly();
            assertThat(first.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
            producers.shutdown();
            assertThat(producers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(first.process().exitValue()).as("killed by SIGKILL").isEqualTo(137);
        assertThat(attempted.get()).as("some puts were cut off by the kill").isGreaterThan(acked.size());

        RestartIT.Wharf second = RestartIT.start(env, "--port", "0", "--data-dir", dataDir.toString());
        try (KinesisClient kinesis = client(second.endpoint())) {
            Map<String, List<Acked>> byShard = new TreeMap<>();
            acked.forEach(a ->
                    byShard.computeIfAbsent(a.shardId(), s -> new ArrayList<>()).add(a));
            assertThat(byShard).as("records on every shard").hasSize(4);
            for (Map.Entry<String, List<Acked>> shard : byShard.entrySet()) {
                List<Record> read = readAll(kinesis, shard.getKey());
                List<BigInteger> sequences = read.stream()
                        .map(r -> new BigInteger(r.sequenceNumber()))
                        .toList();
                assertThat(sequences).as("in order, none twice").isSortedAccordingTo(BigInteger::compareTo);
                assertThat(new HashSet<>(sequences)).hasSameSizeAs(sequences);
                Map<BigInteger, String> stored = new HashMap<>();
                read.forEach(r ->
                        stored.put(new BigInteger(r.sequenceNumber()), r.data().asUtf8String()));
                for (Acked a : shard.getValue()) {
                    assertThat(stored.get(a.sequence()))
                            .as("acknowledged record %s on %s", a.sequence(), a.shardId())
                            .isEqualTo(a.data());
                }
            }
            // Numbering goes on after the newest record that survived: a new record sorts after all of them.
            var after = kinesis.putRecord(
                    b -> b.streamName("records").partitionKey("after").data(SdkBytes.fromUtf8String("after")));
            List<Record> shard = readAll(kinesis, after.shardId());
            assertThat(shard.getLast().sequenceNumber()).isEqualTo(after.sequenceNumber());
        } finally {
            second.process().destroy();
            assertThat(second.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    /** Puts batches of 50 records over every shard until the server goes away. */
    private static void produce(KinesisClient kinesis, int producer, Queue<Acked> acked, AtomicInteger attempted) {
        for (int batch = 0; batch < 100_000; batch++) {
            List<PutRecordsRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                entries.add(PutRecordsRequestEntry.builder()
                        .partitionKey("p" + producer + "-" + i)
                        .data(SdkBytes.fromUtf8String(producer + "/" + batch + "/" + i))
                        .build());
            }
            attempted.addAndGet(entries.size());
            PutRecordsResponse response;
            try {
                response = kinesis.putRecords(b -> b.streamName("records").records(entries));
            } catch (RuntimeException e) {
                return;
            }
            for (int i = 0; i < entries.size(); i++) {
                PutRecordsResultEntry result = response.records().get(i);
                if (result.errorCode() == null) {
                    acked.add(new Acked(
                            result.shardId(),
                            new BigInteger(result.sequenceNumber()),
                            entries.get(i).data().asUtf8String()));
                }
            }
        }
    }

    private static List<Record> readAll(KinesisClient kinesis, String shardId) {
        List<Record> records = new ArrayList<>();
        String iterator = kinesis.getShardIterator(
                        b -> b.streamName("records").shardId(shardId).shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                .shardIterator();
        for (int page = 0; page < 1_000 && iterator != null; page++) {
            String at = iterator;
            GetRecordsResponse response = kinesis.getRecords(b -> b.shardIterator(at));
            records.addAll(response.records());
            if (response.records().isEmpty()) {
                break;
            }
            iterator = response.nextShardIterator();
        }
        return records;
    }
}
