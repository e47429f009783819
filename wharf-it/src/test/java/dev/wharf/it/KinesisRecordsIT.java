package dev.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.server.WharfConfig;
import dev.wharf.server.WharfServer;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkSystemSetting;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ChildShard;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.ValidationException;
import software.amazon.awssdk.services.kinesis.waiters.KinesisWaiter;

/**
 * Kinesis data records through the SDK v2's sync client against a real Wharf with AWS's per-shard limits on: once over
 * CBOR, the SDK's default, and once with CBOR turned off as users do, over JSON 1.1. Each run checks which protocol
 * the SDK really spoke.
 */
class KinesisRecordsIT {

    /** The same suite, for one content type. */
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    abstract static class Suite {

        private final String contentType;
        private final Set<String> seenContentTypes = ConcurrentHashMap.newKeySet();
        private WharfServer server;
        private KinesisClient kinesis;
        private KinesisWaiter waiter;

        Suite(String contentType) {
            this.contentType = contentType;
        }

        @BeforeAll
        void start() throws Exception {
            server = LocalWharf.inMemory(WharfConfig.Limits.defaults());
            kinesis = KinesisClient.builder()
                    .endpointOverride(URI.create(server.endpoint()))
                    .region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                    .httpClient(ApacheHttpClient.create())
                    // Throttling must reach the test, not be retried away by the SDK.
                    .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())
                            .addExecutionInterceptor(new ExecutionInterceptor() {
                                @Override
                                public void beforeTransmission(
                                        Context.BeforeTransmission context, ExecutionAttributes attributes) {
                                    context.httpRequest()
                                            .firstMatchingHeader("Content-Type")
                                            .ifPresent(seenContentTypes::add);
                                }
                            }))
                    .build();
            waiter = KinesisWaiter.builder()
                    .client(kinesis)
                    .overrideConfiguration(WaiterOverrideConfiguration.builder()
                            .maxAttempts(40)
                            .backoffStrategy(attempt -> Duration.ofMillis(100))
                            .build())
                    .build();
        }

        @AfterAll
        void stop() {
            assertThat(seenContentTypes).as("what the SDK spoke").containsExactly(contentType);
            waiter.close();
            kinesis.close();
            server.close();
        }

        private void create(String name, int shards) {
            kinesis.createStream(b -> b.streamName(name).shardCount(shards));
            waiter.waitUntilStreamExists(b -> b.streamName(name));
        }

        private String iterator(String stream, String shard, ShardIteratorType type, String sequence) {
            return kinesis.getShardIterator(b -> b.streamName(stream)
                            .shardId(shard)
                            .shardIteratorType(type)
                            .startingSequenceNumber(sequence))
                    .shardIterator();
        }

        private static List<String> data(GetRecordsResponse response) {
            return response.records().stream().map(r -> r.data().asUtf8String()).toList();
        }

        @Test
        void recordsAreReadBackByEveryIteratorTypeWithTheirBytesIntact() throws Exception {
            create("rec-types", 1);
            String shard = "shardId-000000000000";
            byte[] binary = new byte[256];
            for (int i = 0; i < binary.length; i++) {
                binary[i] = (byte) i;
            }
            PutRecordResponse first = kinesis.putRecord(
                    b -> b.streamName("rec-types").partitionKey("p").data(SdkBytes.fromByteArray(binary)));
            assertThat(first.shardId()).isEqualTo(shard);
            String latest = iterator("rec-types", shard, ShardIteratorType.LATEST, null);
            Thread.sleep(20);
            Instant between = Instant.now();
            Thread.sleep(20);
            PutRecordResponse second = kinesis.putRecord(
                    b -> b.streamName("rec-types").partitionKey("p").data(SdkBytes.fromUtf8String("second")));
            assertThat(new BigInteger(second.sequenceNumber())).isGreaterThan(new BigInteger(first.sequenceNumber()));

            GetRecordsResponse all = kinesis.getRecords(
                    b -> b.shardIterator(iterator("rec-types", shard, ShardIteratorType.TRIM_HORIZON, null)));
            List<Record> records = all.records();
            assertThat(records).hasSize(2);
            assertThat(records.get(0).data().asByteArray()).isEqualTo(binary);
            assertThat(records.get(0).partitionKey()).isEqualTo("p");
            assertThat(records.get(0).sequenceNumber()).isEqualTo(first.sequenceNumber());
            assertThat(records.get(0).approximateArrivalTimestamp()).isBefore(between);
            assertThat(records.get(1).approximateArrivalTimestamp()).isAfter(between);
            assertThat(all.millisBehindLatest()).isZero();

            Thread.sleep(400);
            assertThat(data(kinesis.getRecords(b -> b.shardIterator(latest)))).containsExactly("second");
            assertThat(data(kinesis.getRecords(b -> b.shardIterator(iterator(
                            "rec-types", shard, ShardIteratorType.AFTER_SEQUENCE_NUMBER, first.sequenceNumber())))))
                    .containsExactly("second");
            assertThat(kinesis.getRecords(b -> b.shardIterator(iterator(
                                    "rec-types", shard, ShardIteratorType.AT_SEQUENCE_NUMBER, second.sequenceNumber())))
                            .records())
                    .extracting(Record::sequenceNumber)
                    .containsExactly(second.sequenceNumber());
            Thread.sleep(400);
            String atTime = kinesis.getShardIterator(b -> b.streamName("rec-types")
                            .shardId(shard)
                            .shardIteratorType(ShardIteratorType.AT_TIMESTAMP)
                            .timestamp(between))
                    .shardIterator();
            assertThat(data(kinesis.getRecords(b -> b.shardIterator(atTime)))).containsExactly("second");
        }

        @Test
        void putRecordsSpreadsOverShardsAndPagesKeepEachShardsOrder() throws Exception {
            create("rec-batch", 3);
            List<PutRecordsRequestEntry> entries = IntStream.range(0, 300)
                    .mapToObj(i -> PutRecordsRequestEntry.builder()
                            .partitionKey("key-" + (i % 17))
                            .data(SdkBytes.fromUtf8String("record-" + i))
                            .build())
                    .toList();
            PutRecordsResponse put =
                    kinesis.putRecords(b -> b.streamName("rec-batch").records(entries));
            assertThat(put.failedRecordCount()).isZero();
            assertThat(put.records()).hasSize(300);
            assertThat(put.records().stream().map(r -> r.shardId()).distinct()).hasSize(3);
            List<String> read = new ArrayList<>();
            for (String shard : List.of("shardId-000000000000", "shardId-000000000001", "shardId-000000000002")) {
                String next = iterator("rec-batch", shard, ShardIteratorType.TRIM_HORIZON, null);
                List<Integer> order = new ArrayList<>();
                for (int page = 0; page < 100; page++) {
                    String at = next;
                    GetRecordsResponse response =
                            kinesis.getRecords(b -> b.shardIterator(at).limit(40));
                    response.records()
                            .forEach(r -> order.add(
                                    Integer.parseInt(r.data().asUtf8String().substring("record-".length()))));
                    next = response.nextShardIterator();
                    if (response.records().isEmpty()) {
                        break;
                    }
                    Thread.sleep(200); // five reads a second per shard
                }
                assertThat(order).isSorted();
                order.forEach(i -> read.add("record-" + i));
            }
            assertThat(read)
                    .containsExactlyInAnyOrderElementsOf(
                            entries.stream().map(e -> e.data().asUtf8String()).toList());
        }

        @Test
        void aShardOverItsWriteLimitRefusesRecordsOneByOne() {
            create("rec-limit", 1);
            List<PutRecordsRequestEntry> entries = IntStream.range(0, 500)
                    .mapToObj(i -> PutRecordsRequestEntry.builder()
                            .partitionKey("k")
                            .data(SdkBytes.fromUtf8String("x"))
                            .build())
                    .toList();
            int failed = 0;
            PutRecordsResponse last = null;
            for (int i = 0; i < 4; i++) {
                last = kinesis.putRecords(b -> b.streamName("rec-limit").records(entries));
                failed += last.failedRecordCount();
            }
            assertThat(failed).as("2,000 records in well under two seconds").isPositive();
            assertThat(last.records())
                    .filteredOn(r -> r.errorCode() != null)
                    .first()
                    .satisfies(r -> {
                        assertThat(r.errorCode()).isEqualTo("ProvisionedThroughputExceededException");
                        assertThat(r.errorMessage())
                                .isEqualTo("Rate exceeded for shard shardId-000000000000 in stream rec-limit under"
                                        + " account 000000000000.");
                        assertThat(r.sequenceNumber()).isNull();
                    });
        }

        @Test
        void aShardOverItsReadLimitThrowsTheSdksTypedException() {
            create("rec-reads", 1);
            String iterator = iterator("rec-reads", "shardId-000000000000", ShardIteratorType.LATEST, null);
            assertThatThrownBy(() -> {
                        for (int i = 0; i < 20; i++) {
                            kinesis.getRecords(b -> b.shardIterator(iterator));
                        }
                    })
                    .isInstanceOfSatisfying(ProvisionedThroughputExceededException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ProvisionedThroughputExceededException");
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorMessage())
                                .isEqualTo("Rate exceeded for shard shardId-000000000000 in stream rec-reads under"
                                        + " account 000000000000.");
                    });
        }

        @Test
        void aSplitParentEndsWithItsChildShards() throws Exception {
            create("rec-split", 1);
            kinesis.putRecord(b -> b.streamName("rec-split").partitionKey("k").data(SdkBytes.fromUtf8String("old")));
            String parent = iterator("rec-split", "shardId-000000000000", ShardIteratorType.TRIM_HORIZON, null);
            kinesis.splitShard(b -> b.streamName("rec-split")
                    .shardToSplit("shardId-000000000000")
                    .newStartingHashKey(BigInteger.ONE.shiftLeft(127).toString()));
            waiter.waitUntilStreamExists(b -> b.streamName("rec-split"));
            GetRecordsResponse end = kinesis.getRecords(b -> b.shardIterator(parent));
            assertThat(data(end)).containsExactly("old");
            assertThat(end.nextShardIterator()).isNull();
            assertThat(end.childShards())
                    .extracting(ChildShard::shardId)
                    .containsExactly("shardId-000000000001", "shardId-000000000002");
            assertThat(end.childShards().get(0).parentShards()).containsExactly("shardId-000000000000");
            assertThat(end.childShards().get(1).hashKeyRange().endingHashKey())
                    .isEqualTo(BigInteger.ONE
                            .shiftLeft(128)
                            .subtract(BigInteger.ONE)
                            .toString());
        }

        @Test
        void badInputGetsAwssErrors() {
            create("rec-errors", 1);
            assertThatThrownBy(() -> kinesis.getRecords(b -> b.shardIterator("bm90IGFuIGl0ZXJhdG9y")))
                    .isInstanceOfSatisfying(
                            InvalidArgumentException.class,
                            e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Invalid ShardIterator."));
            assertThatThrownBy(() -> iterator("rec-errors", "shardId-000000000009", ShardIteratorType.LATEST, null))
                    .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> assertThat(
                                    e.awsErrorDetails().errorMessage())
                            .isEqualTo("Shard shardId-000000000009 in stream rec-errors under account 000000000000"
                                    + " does not exist"));
            assertThatThrownBy(() -> kinesis.putRecord(b -> b.streamName("rec-errors")
                            .partitionKey("")
                            .data(SdkBytes.fromString("x", StandardCharsets.UTF_8))))
                    .isInstanceOfSatisfying(ValidationException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorMessage())
                                .isEqualTo("1 validation error detected: Value '' at 'partitionKey' failed to satisfy"
                                        + " constraint: Member must have length greater than or equal to 1");
                    });
            assertThatThrownBy(() -> kinesis.putRecord(
                            b -> b.streamName("rec-missing").partitionKey("k").data(SdkBytes.fromUtf8String("x"))))
                    .isInstanceOf(ResourceNotFoundException.class);
        }
    }

    /** The SDK's default: CBOR. */
    @Nested
    class OverCbor extends Suite {
        OverCbor() {
            super("application/x-amz-cbor-1.1");
        }
    }

    /** CBOR turned off, as users who debug their traffic do: JSON 1.1. */
    @Nested
    class OverJson extends Suite {
        OverJson() {
            super("application/x-amz-json-1.1");
        }

        @Override
        @BeforeAll
        void start() throws Exception {
            // The SDK reads the setting when the client is built; the property goes once the client is made.
            System.setProperty(SdkSystemSetting.CBOR_ENABLED.property(), "false");
            try {
                super.start();
            } finally {
                System.clearProperty(SdkSystemSetting.CBOR_ENABLED.property());
            }
        }
    }
}
