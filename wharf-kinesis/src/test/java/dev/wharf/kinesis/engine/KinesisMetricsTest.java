package dev.wharf.kinesis.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.common.AwsException;
import dev.wharf.kinesis.api.CreateStreamRequest;
import dev.wharf.kinesis.api.DeleteStreamRequest;
import dev.wharf.kinesis.api.DisableEnhancedMonitoringRequest;
import dev.wharf.kinesis.api.EnableEnhancedMonitoringRequest;
import dev.wharf.kinesis.api.GetRecordsRequest;
import dev.wharf.kinesis.api.GetRecordsResponse;
import dev.wharf.kinesis.api.GetShardIteratorRequest;
import dev.wharf.kinesis.api.KinesisContext;
import dev.wharf.kinesis.api.KinesisError;
import dev.wharf.kinesis.api.PutRecordRequest;
import dev.wharf.kinesis.api.PutRecordsRequest;
import dev.wharf.kinesis.api.PutRecordsRequestEntry;
import dev.wharf.kinesis.api.RegisterStreamConsumerRequest;
import dev.wharf.kinesis.api.ShardMetrics;
import dev.wharf.kinesis.api.StartingPosition;
import dev.wharf.kinesis.api.StatisticSet;
import dev.wharf.kinesis.api.StreamMetrics;
import dev.wharf.kinesis.api.SubscribeToShardEvent;
import dev.wharf.kinesis.api.SubscribeToShardRequest;
import dev.wharf.kinesis.api.SubscribeToShardStream;
import dev.wharf.storage.MemoryStorageEngine;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The figures of CloudWatch's AWS/Kinesis metrics, on the engine with a clock the test moves and a nanosecond clock
 * that moves one millisecond at each reading, so that every operation takes exactly 1 ms: what each metric samples,
 * that a snapshot starts them again from none, and that shards' figures come only for what enhanced monitoring names.
 */
class KinesisMetricsTest {

    private static final KinesisContext CONTEXT = new KinesisContext("000000000000", "us-east-1");
    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
    /** The first hash key of the upper of two shards. */
    private static final String UPPER_HALF = BigInteger.TWO.pow(127).toString();

    private final TestClock clock = new TestClock(START);
    private final AtomicLong nanos = new AtomicLong();
    private final KinesisEngine kinesis = new KinesisEngine(
            clock,
            new KinesisConfig(Duration.ofMillis(500), 50, true),
            new MemoryStorageEngine().streams(),
            () -> nanos.addAndGet(1_000_000));

    private void create(String name, int shards) {
        kinesis.createStream(CONTEXT, new CreateStreamRequest(name, shards, null, null, null, null));
        clock.advance(Duration.ofMillis(500));
    }

    private void put(String stream, String key, String data) {
        put(stream, key, data, null);
    }

    private void put(String stream, String key, String data, @Nullable String hashKey) {
        kinesis.putRecord(CONTEXT, new PutRecordRequest(stream, utf8(data), key, hashKey, null, null, null));
    }

    private void putRecords(String stream, int records, @Nullable String hashKey) {
        List<PutRecordsRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < records; i++) {
            entries.add(new PutRecordsRequestEntry(utf8("d" + i % 10), hashKey, "k"));
        }
        kinesis.putRecords(CONTEXT, new PutRecordsRequest(entries, stream, null, null));
    }

    private String iterator(String stream, String shard) {
        return Objects.requireNonNull(kinesis.getShardIterator(
                        CONTEXT, new GetShardIteratorRequest(stream, shard, "TRIM_HORIZON", null, null, null, null))
                .shardIterator());
    }

    private GetRecordsResponse get(String iterator, @Nullable Integer limit) {
        return kinesis.getRecords(CONTEXT, new GetRecordsRequest(iterator, limit, null, null));
    }

    private void enable(String stream, String... metrics) {
        kinesis.enableEnhancedMonitoring(
                CONTEXT, new EnableEnhancedMonitoringRequest(stream, List.of(metrics), null, null));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static StatisticSet set(long count, double sum, double min, double max) {
        return new StatisticSet(count, sum, min, max);
    }

    private StreamMetrics only(String stream) {
        List<StreamMetrics> snapshot = kinesis.metricsSnapshot();
        assertThat(snapshot).extracting(StreamMetrics::streamName).containsExactly(stream);
        return snapshot.getFirst();
    }

    @Test
    void hasStreamTellsAQuietStreamFromADeletedOne() {
        create("quiet", 1);

        assertThat(kinesis.metricsSnapshot())
                .as("a quiet stream has no figures")
                .isEmpty();
        assertThat(kinesis.hasStream("000000000000", "quiet")).isTrue();
        assertThat(kinesis.hasStream("111111111111", "quiet"))
                .as("another account's")
                .isFalse();
        kinesis.deleteStream(CONTEXT, new DeleteStreamRequest("quiet", null, null, null));
        assertThat(kinesis.hasStream("000000000000", "quiet")).as("deleting").isTrue();
        clock.advance(Duration.ofMillis(500));
        assertThat(kinesis.hasStream("000000000000", "quiet")).as("gone").isFalse();
    }

    @Test
    void eachPutRecordIsOneSampleOfItsBytesRecordsSuccessAndLatency() {
        create("puts", 1);
        put("puts", "k", "abc");
        put("puts", "kk", "hello");

        StreamMetrics metrics = only("puts");
        assertThat(metrics.accountId()).isEqualTo("000000000000");
        assertThat(metrics.incomingBytes()).as("data and partition key").isEqualTo(set(2, 11, 4, 7));
        assertThat(metrics.incomingRecords()).isEqualTo(set(2, 2, 1, 1));
        assertThat(metrics.putRecordBytes()).isEqualTo(set(2, 11, 4, 7));
        assertThat(metrics.putRecordSuccess()).isEqualTo(set(2, 2, 1, 1));
        assertThat(metrics.putRecordLatency()).isEqualTo(set(2, 2, 1, 1));
        assertThat(metrics.writeProvisionedThroughputExceeded()).isEqualTo(set(2, 0, 0, 0));
        assertThat(metrics.putRecordsBytes()).isNull();
        assertThat(metrics.putRecordsTotalRecords()).isNull();
        assertThat(metrics.getRecordsSuccess()).isNull();
        assertThat(metrics.readProvisionedThroughputExceeded()).isNull();
        assertThat(metrics.shards()).as("no enhanced monitoring").isEmpty();

        assertThat(kinesis.metricsSnapshot()).as("nothing since").isEmpty();
    }

    @Test
    void aPutRecordsIsOneSampleWhateverShardsItsRecordsGoTo() {
        create("batches", 2);
        List<PutRecordsRequestEntry> entries = List.of(
                new PutRecordsRequestEntry(utf8("aa"), "0", "k"),
                new PutRecordsRequestEntry(utf8("bbb"), UPPER_HALF, "k"),
                new PutRecordsRequestEntry(utf8("c"), UPPER_HALF, "k"));
        kinesis.putRecords(CONTEXT, new PutRecordsRequest(entries, "batches", null, null));

        StreamMetrics metrics = only("batches");
        assertThat(metrics.incomingBytes()).isEqualTo(set(1, 9, 9, 9));
        assertThat(metrics.incomingRecords()).isEqualTo(set(1, 3, 3, 3));
        assertThat(metrics.putRecordsBytes()).isEqualTo(set(1, 9, 9, 9));
        assertThat(metrics.putRecordsSuccess()).isEqualTo(set(1, 1, 1, 1));
        assertThat(metrics.putRecordsLatency()).isEqualTo(set(1, 1, 1, 1));
        assertThat(metrics.putRecordsTotalRecords()).isEqualTo(set(1, 3, 3, 3));
        assertThat(metrics.putRecordsSuccessfulRecords()).isEqualTo(set(1, 3, 3, 3));
        assertThat(metrics.putRecordsFailedRecords()).isEqualTo(set(1, 0, 0, 0));
        assertThat(metrics.putRecordsThrottledRecords()).isEqualTo(set(1, 0, 0, 0));
        assertThat(metrics.putRecordBytes()).isNull();
    }

    @Test
    void recordsThatTheShardsLimitsRefuseAreCountedAsThrottled() {
        create("busy", 1);
        putRecords("busy", 500, null);
        putRecords("busy", 500, null);
        putRecords("busy", 500, null);
        assertThatThrownBy(() -> put("busy", "k", "one too many"))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code())
                        .isEqualTo(KinesisError.ProvisionedThroughputExceeded));

        StreamMetrics metrics = only("busy");
        assertThat(metrics.putRecordsThrottledRecords()).isEqualTo(set(3, 500, 0, 500));
        assertThat(metrics.putRecordsSuccessfulRecords()).isEqualTo(set(3, 1000, 0, 500));
        assertThat(metrics.putRecordsSuccess()).isEqualTo(set(3, 2, 0, 1));
        assertThat(metrics.incomingRecords())
                .as("only the puts that put records")
                .isEqualTo(set(2, 1000, 500, 500));
        assertThat(metrics.putRecordSuccess()).isEqualTo(set(1, 0, 0, 0));
        assertThat(metrics.putRecordBytes()).isNull();
        assertThat(metrics.putRecordLatency()).isEqualTo(set(1, 1, 1, 1));
        assertThat(metrics.writeProvisionedThroughputExceeded()).isEqualTo(set(4, 501, 0, 500));
    }

    @Test
    void eachGetRecordsIsOneSampleWithTheAgeOfItsLastRecord() {
        create("reads", 1);
        put("reads", "k", "a");
        put("reads", "k", "bb");
        put("reads", "k", "ccc");
        kinesis.metricsSnapshot();
        clock.advance(Duration.ofSeconds(1));

        GetRecordsResponse first = get(iterator("reads", ShardIds.of(0)), 2);
        clock.advance(Duration.ofMillis(500));
        GetRecordsResponse second = get(Objects.requireNonNull(first.nextShardIterator()), null);
        get(Objects.requireNonNull(second.nextShardIterator()), null);

        StreamMetrics metrics = only("reads");
        assertThat(metrics.getRecordsRecords()).isEqualTo(set(3, 3, 0, 2));
        assertThat(metrics.getRecordsBytes()).isEqualTo(set(3, 2 + 3 + 4, 0, 5));
        assertThat(metrics.getRecordsIteratorAgeMilliseconds())
                .as("1 s, then 1.5 s, then caught up")
                .isEqualTo(set(3, 2_500, 0, 1_500));
        assertThat(metrics.getRecordsSuccess()).isEqualTo(set(3, 3, 1, 1));
        assertThat(metrics.getRecordsLatency()).isEqualTo(set(3, 3, 1, 1));
        assertThat(metrics.readProvisionedThroughputExceeded()).isEqualTo(set(3, 0, 0, 0));
        assertThat(metrics.incomingBytes()).as("taken by the snapshot before").isNull();
    }

    @Test
    void aReadThatTheShardsLimitsRefuseIsAFailedSampleAndAThrottledOne() {
        create("polled", 1);
        String iterator = iterator("polled", ShardIds.of(0));
        for (int i = 0; i < 5; i++) {
            iterator = Objects.requireNonNull(get(iterator, null).nextShardIterator());
        }
        String sixth = iterator;
        assertThatThrownBy(() -> get(sixth, null)).isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code())
                .isEqualTo(KinesisError.ProvisionedThroughputExceeded));

        StreamMetrics metrics = only("polled");
        assertThat(metrics.readProvisionedThroughputExceeded()).isEqualTo(set(6, 1, 0, 1));
        assertThat(metrics.getRecordsSuccess()).isEqualTo(set(6, 5, 0, 1));
        assertThat(metrics.getRecordsLatency()).isEqualTo(set(6, 6, 1, 1));
        assertThat(metrics.getRecordsRecords())
                .as("only the reads that answered")
                .isEqualTo(set(5, 0, 0, 0));
    }

    @Test
    void shardsFiguresComeOnlyForTheMetricsThatEnhancedMonitoringNames() {
        create("watched", 2);
        enable("watched", "IncomingBytes", "IteratorAgeMilliseconds");
        put("watched", "k", "low", "0");
        put("watched", "k", "high", UPPER_HALF);
        put("watched", "k", "higher", UPPER_HALF);
        get(iterator("watched", ShardIds.of(0)), null);

        StreamMetrics metrics = only("watched");
        assertThat(metrics.shards())
                .containsExactly(
                        new ShardMetrics(
                                ShardIds.of(0), set(1, 4, 4, 4), null, null, null, set(1, 0, 0, 0), null, null),
                        new ShardMetrics(ShardIds.of(1), set(2, 12, 5, 7), null, null, null, null, null, null));
        assertThat(metrics.getRecordsRecords())
                .as("the stream's are there whatever is enabled")
                .isEqualTo(set(1, 1, 1, 1));

        kinesis.disableEnhancedMonitoring(
                CONTEXT, new DisableEnhancedMonitoringRequest("watched", List.of("ALL"), null, null));
        put("watched", "k", "low", "0");
        assertThat(only("watched").shards()).isEmpty();
    }

    @Test
    void allShardLevelMetricsOfAShard() {
        create("all", 1);
        enable("all", "ALL");
        putRecords("all", 2, null);
        clock.advance(Duration.ofMillis(250));
        get(iterator("all", ShardIds.of(0)), null);

        assertThat(only("all").shards())
                .containsExactly(new ShardMetrics(
                        ShardIds.of(0),
                        set(1, 6, 6, 6),
                        set(1, 2, 2, 2),
                        set(1, 6, 6, 6),
                        set(1, 2, 2, 2),
                        set(1, 250, 250, 250),
                        set(1, 0, 0, 0),
                        set(1, 0, 0, 0)));
    }

    @Test
    void subscribeToShardEventsCountAsTheShardsOutgoingButNotAsGetRecords() throws Exception {
        create("fan", 1);
        enable("fan", "OutgoingBytes", "OutgoingRecords");
        String consumer = Objects.requireNonNull(Objects.requireNonNull(kinesis.registerStreamConsumer(
                                CONTEXT,
                                new RegisterStreamConsumerRequest(
                                        "arn:aws:kinesis:us-east-1:000000000000:stream/fan", "app", null, null))
                        .consumer())
                .consumerARN());
        clock.advance(Duration.ofMillis(500));
        put("fan", "k", "abc");
        put("fan", "k", "de");
        kinesis.metricsSnapshot();
        SubscribeToShardStream subscription = kinesis.subscribeToShard(
                CONTEXT,
                new SubscribeToShardRequest(
                        consumer, ShardIds.of(0), new StartingPosition("TRIM_HORIZON", null, null)));
        subscription.run(new SubscribeToShardStream.Sink() {
            @Override
            public boolean onEvent(SubscribeToShardEvent event) {
                // The subscription's five minutes are over after its first event.
                clock.advance(Duration.ofMinutes(5));
                return true;
            }

            @Override
            public void onError(AwsException error) {
                throw error;
            }
        });

        StreamMetrics metrics = only("fan");
        assertThat(metrics.shards())
                .containsExactly(new ShardMetrics(
                        ShardIds.of(0), null, null, set(1, 7, 7, 7), set(1, 2, 2, 2), null, null, null));
        assertThat(metrics.getRecordsBytes()).isNull();
    }

    @Test
    void eachStreamHasItsOwnFigures() {
        create("one", 1);
        create("two", 1);
        put("one", "k", "x");
        put("two", "k", "y");
        put("two", "k", "z");

        assertThat(kinesis.metricsSnapshot())
                .extracting(StreamMetrics::streamName, m -> Objects.requireNonNull(m.incomingRecords())
                        .sampleCount())
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("one", 1L), org.assertj.core.groups.Tuple.tuple("two", 2L));
    }

    @Test
    void everySampleLandsInExactlyOneSnapshotWhileOthersAreTaken() throws Exception {
        KinesisEngine unlimited = new KinesisEngine(
                clock, new KinesisConfig(Duration.ofMillis(500), 50, false), new MemoryStorageEngine().streams());
        unlimited.createStream(CONTEXT, new CreateStreamRequest("many", 4, null, null, null, null));
        clock.advance(Duration.ofMillis(500));
        unlimited.enableEnhancedMonitoring(
                CONTEXT, new EnableEnhancedMonitoringRequest("many", List.of("IncomingRecords"), null, null));
        int threads = 4;
        int perThread = 300;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            running.add(pool.submit(() -> {
                go.await();
                for (int i = 0; i < perThread; i++) {
                    unlimited.putRecord(
                            CONTEXT,
                            new PutRecordRequest("many", utf8("d"), "key-" + thread + "-" + i, null, null, null, null));
                }
                return null;
            }));
        }
        List<StreamMetrics> snapshots = new ArrayList<>();
        go.countDown();
        while (running.stream().anyMatch(f -> !f.isDone())) {
            snapshots.addAll(unlimited.metricsSnapshot());
        }
        for (Future<?> f : running) {
            f.get();
        }
        pool.shutdown();
        snapshots.addAll(unlimited.metricsSnapshot());

        long records = 0;
        long shardRecords = 0;
        for (StreamMetrics metrics : snapshots) {
            StatisticSet incoming = Objects.requireNonNull(metrics.incomingRecords());
            assertThat(incoming.sum()).isEqualTo((double) incoming.sampleCount());
            assertThat(metrics.putRecordSuccess()).isEqualTo(incoming);
            records += incoming.sampleCount();
            for (ShardMetrics shard : metrics.shards()) {
                shardRecords +=
                        (long) Objects.requireNonNull(shard.incomingRecords()).sum();
            }
        }
        assertThat(records).isEqualTo((long) threads * perThread);
        assertThat(shardRecords).isEqualTo((long) threads * perThread);
    }
}
