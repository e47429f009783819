package dev.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.server.WharfConfig;
import dev.wharf.server.WharfServer;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.ProtocolNegotiation;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.Consumer;
import software.amazon.awssdk.services.kinesis.model.ConsumerStatus;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.MetricsName;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.ScalingType;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamMode;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEvent;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardResponseHandler;
import software.amazon.awssdk.services.kinesis.waiters.KinesisAsyncWaiter;

/**
 * Kinesis through the SDK v2's async client on its Netty HTTP/2 client (h2c with prior knowledge) and CBOR, as the KCL
 * uses it, against a real Wharf: every action of the model over HTTP/2, and SubscribeToShard's event stream with its
 * records, continuation and take-over rule.
 */
class KinesisHttp2IT {

    private static final String ACCOUNT = "000000000000";
    private static WharfServer server;
    private static SdkAsyncHttpClient http;
    private static KinesisAsyncClient kinesis;
    private static KinesisAsyncWaiter waiter;
    private static final Set<String> OPERATIONS = new TreeSet<>();
    /** The content type of each operation's requests, as the SDK sent them. */
    private static final Map<String, String> PROTOCOLS = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        server = LocalWharf.inMemory(WharfConfig.Limits.defaults());
        http = NettyNioAsyncHttpClient.builder()
                .protocol(Protocol.HTTP2)
                .protocolNegotiation(ProtocolNegotiation.ASSUME_PROTOCOL)
                .build();
        kinesis = KinesisAsyncClient.builder()
                .endpointOverride(URI.create(server.endpoint()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(http)
                .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
                        String operation = attributes.getAttribute(
                                software.amazon.awssdk.core.interceptor.SdkExecutionAttribute.OPERATION_NAME);
                        OPERATIONS.add(operation);
                        context.httpRequest()
                                .firstMatchingHeader("Content-Type")
                                .ifPresent(type -> PROTOCOLS.put(operation, type));
                    }
                }))
                .build();
        waiter = KinesisAsyncWaiter.builder()
                .client(kinesis)
                .overrideConfiguration(WaiterOverrideConfiguration.builder()
                        .maxAttempts(60)
                        .backoffStrategy(attempt -> Duration.ofMillis(100))
                        .build())
                .build();
    }

    @AfterAll
    static void stop() {
        waiter.close();
        kinesis.close();
        http.close();
        server.close();
    }

    private static <T> T join(CompletableFuture<T> call) {
        return call.orTimeout(30, TimeUnit.SECONDS).join();
    }

    private static void active(String name) {
        join(waiter.waitUntilStreamExists(b -> b.streamName(name)));
    }

    /** A call that may be refused by a rule of AWS's: over HTTP/2 it must still come back as a typed Kinesis error. */
    private static void answered(CompletableFuture<?> call) {
        try {
            join(call);
        } catch (CompletionException e) {
            assertThat(e.getCause()).isInstanceOfSatisfying(KinesisException.class, k -> assertThat(k.statusCode())
                    .isEqualTo(400));
        }
    }

    @Test
    void everyActionOfTheModelWorksOverHttp2() {
        String name = "h2-all";
        String arn = "arn:aws:kinesis:us-east-1:" + ACCOUNT + ":stream/" + name;
        join(kinesis.createStream(b -> b.streamName(name).shardCount(2)));
        active(name);
        join(kinesis.describeStream(b -> b.streamName(name)));
        join(kinesis.describeStreamSummary(b -> b.streamName(name)));
        assertThat(join(kinesis.listStreams(b -> b.limit(10))).streamNames()).contains(name);
        assertThat(join(kinesis.listShards(b -> b.streamName(name))).shards()).hasSize(2);
        join(kinesis.describeLimits(b -> {}));
        join(kinesis.describeAccountSettings(b -> {}));
        answered(kinesis.updateAccountSettings(b -> b.minimumThroughputBillingCommitment(c -> c.status("DISABLED"))));

        var put =
                join(kinesis.putRecord(b -> b.streamName(name).partitionKey("k").data(SdkBytes.fromUtf8String("one"))));
        var batch = join(kinesis.putRecords(b -> b.streamName(name)
                .records(PutRecordsRequestEntry.builder()
                        .partitionKey("k")
                        .data(SdkBytes.fromUtf8String("two"))
                        .build())));
        assertThat(batch.failedRecordCount()).isZero();
        String iterator = join(kinesis.getShardIterator(b ->
                        b.streamName(name).shardId(put.shardId()).shardIteratorType(ShardIteratorType.TRIM_HORIZON)))
                .shardIterator();
        assertThat(join(kinesis.getRecords(b -> b.shardIterator(iterator))).records())
                .extracting(r -> r.data().asUtf8String())
                .containsExactly("one", "two");

        join(kinesis.addTagsToStream(b -> b.streamName(name).tags(Map.of("a", "1"))));
        join(kinesis.removeTagsFromStream(b -> b.streamName(name).tagKeys("a")));
        join(kinesis.listTagsForStream(b -> b.streamName(name)));
        join(kinesis.tagResource(b -> b.resourceARN(arn).tags(Map.of("b", "2"))));
        assertThat(join(kinesis.listTagsForResource(b -> b.resourceARN(arn))).tags())
                .extracting(t -> t.key())
                .containsExactly("b");
        join(kinesis.untagResource(b -> b.resourceARN(arn).tagKeys("b")));
        join(kinesis.increaseStreamRetentionPeriod(b -> b.streamName(name).retentionPeriodHours(48)));
        join(kinesis.decreaseStreamRetentionPeriod(b -> b.streamName(name).retentionPeriodHours(24)));
        join(kinesis.enableEnhancedMonitoring(b -> b.streamName(name).shardLevelMetrics(MetricsName.INCOMING_BYTES)));
        join(kinesis.disableEnhancedMonitoring(b -> b.streamName(name).shardLevelMetrics(MetricsName.INCOMING_BYTES)));
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\""
                + ACCOUNT + "\"},\"Action\":\"kinesis:GetRecords\",\"Resource\":\"" + arn + "\"}]}";
        join(kinesis.putResourcePolicy(b -> b.resourceARN(arn).policy(policy)));
        assertThat(join(kinesis.getResourcePolicy(b -> b.resourceARN(arn))).policy())
                .isEqualTo(policy);
        join(kinesis.deleteResourcePolicy(b -> b.resourceARN(arn)));
        join(kinesis.updateMaxRecordSize(b -> b.streamARN(arn).maxRecordSizeInKiB(2048)));

        join(kinesis.splitShard(b -> b.streamName(name)
                .shardToSplit("shardId-000000000000")
                .newStartingHashKey(BigInteger.ONE.shiftLeft(126).toString())));
        active(name);
        join(kinesis.mergeShards(b ->
                b.streamName(name).shardToMerge("shardId-000000000002").adjacentShardToMerge("shardId-000000000003")));
        active(name);
        join(kinesis.updateShardCount(
                b -> b.streamName(name).targetShardCount(4).scalingType(ScalingType.UNIFORM_SCALING)));
        active(name);
        join(kinesis.startStreamEncryption(
                b -> b.streamName(name).encryptionType("KMS").keyId("alias/aws/kinesis")));
        active(name);
        join(kinesis.stopStreamEncryption(
                b -> b.streamName(name).encryptionType("KMS").keyId("alias/aws/kinesis")));
        active(name);
        join(kinesis.updateStreamMode(
                b -> b.streamARN(arn).streamModeDetails(d -> d.streamMode(StreamMode.ON_DEMAND))));
        active(name);
        answered(kinesis.updateStreamWarmThroughput(b -> b.streamARN(arn).warmThroughputMiBps(10)));

        Consumer consumer = join(kinesis.registerStreamConsumer(
                        b -> b.streamARN(arn).consumerName("app")))
                .consumer();
        join(kinesis.describeStreamConsumer(b -> b.consumerARN(consumer.consumerARN())));
        assertThat(join(kinesis.listStreamConsumers(b -> b.streamARN(arn))).consumers())
                .extracting(Consumer::consumerName)
                .containsExactly("app");
        join(kinesis.deregisterStreamConsumer(b -> b.consumerARN(consumer.consumerARN())));
        join(kinesis.deleteStream(b -> b.streamName(name).enforceConsumerDeletion(true)));
        join(waiter.waitUntilStreamNotExists(b -> b.streamName(name)));

        // The SDK speaks CBOR to every action but SubscribeToShard, whose event stream it asks for in JSON 1.1.
        PROTOCOLS.forEach((operation, type) -> assertThat(type)
                .as(operation)
                .isEqualTo(
                        operation.equals("SubscribeToShard")
                                ? "application/x-amz-json-1.1"
                                : "application/x-amz-cbor-1.1"));
        List<String> missing = new ArrayList<>(List.of(
                "AddTagsToStream",
                "CreateStream",
                "DecreaseStreamRetentionPeriod",
                "DeleteResourcePolicy",
                "DeleteStream",
                "DeregisterStreamConsumer",
                "DescribeAccountSettings",
                "DescribeLimits",
                "DescribeStream",
                "DescribeStreamConsumer",
                "DescribeStreamSummary",
                "DisableEnhancedMonitoring",
                "EnableEnhancedMonitoring",
                "GetRecords",
                "GetResourcePolicy",
                "GetShardIterator",
                "IncreaseStreamRetentionPeriod",
                "ListShards",
                "ListStreamConsumers",
                "ListStreams",
                "ListTagsForResource",
                "ListTagsForStream",
                "MergeShards",
                "PutRecord",
                "PutRecords",
                "PutResourcePolicy",
                "RegisterStreamConsumer",
                "RemoveTagsFromStream",
                "SplitShard",
                "StartStreamEncryption",
                "StopStreamEncryption",
                "TagResource",
                "UntagResource",
                "UpdateAccountSettings",
                "UpdateMaxRecordSize",
                "UpdateShardCount",
                "UpdateStreamMode",
                "UpdateStreamWarmThroughput"));
        missing.removeAll(OPERATIONS);
        assertThat(missing)
                .as("every action but SubscribeToShard, which the next test calls")
                .isEmpty();
    }

    /** A consumer of a fresh one-shard stream, ACTIVE. */
    private static Consumer consumerOf(String name) throws Exception {
        join(kinesis.createStream(b -> b.streamName(name).shardCount(1)));
        active(name);
        String arn = "arn:aws:kinesis:us-east-1:" + ACCOUNT + ":stream/" + name;
        Consumer consumer = join(kinesis.registerStreamConsumer(
                        b -> b.streamARN(arn).consumerName("app")))
                .consumer();
        for (int i = 0; i < 100; i++) {
            if (join(kinesis.describeStreamConsumer(b -> b.consumerARN(consumer.consumerARN())))
                            .consumerDescription()
                            .consumerStatus()
                    == ConsumerStatus.ACTIVE) {
                return consumer;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("consumer never became ACTIVE");
    }

    @Test
    void subscribeToShardStreamsRecordsAsTheyArePutAndHoldsOffASecondSubscription() throws Exception {
        Consumer consumer = consumerOf("h2-fan");
        List<Record> received = new CopyOnWriteArrayList<>();
        List<SubscribeToShardEvent> events = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> first = kinesis.subscribeToShard(
                b -> b.consumerARN(consumer.consumerARN())
                        .shardId("shardId-000000000000")
                        .startingPosition(p -> p.type(ShardIteratorType.TRIM_HORIZON)),
                SubscribeToShardResponseHandler.builder()
                        .subscriber(SubscribeToShardResponseHandler.Visitor.builder()
                                .onSubscribeToShardEvent(event -> {
                                    events.add(event);
                                    received.addAll(event.records());
                                })
                                .build())
                        .build());
        for (int i = 0; i < 20; i++) {
            int n = i;
            join(kinesis.putRecord(
                    b -> b.streamName("h2-fan").partitionKey("k").data(SdkBytes.fromUtf8String("r" + n))));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (received.size() < 20 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(received)
                .extracting(r -> r.data().asUtf8String())
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 20)
                        .mapToObj(i -> "r" + i)
                        .toList());
        SubscribeToShardEvent last = events.getLast();
        assertThat(last.continuationSequenceNumber())
                .isEqualTo(received.getLast().sequenceNumber());
        assertThat(last.millisBehindLatest()).isZero();
        assertThat(first).isNotDone();

        CompletableFuture<Void> second = kinesis.subscribeToShard(
                b -> b.consumerARN(consumer.consumerARN())
                        .shardId("shardId-000000000000")
                        .startingPosition(p -> p.type(ShardIteratorType.LATEST)),
                SubscribeToShardResponseHandler.builder()
                        .subscriber(SubscribeToShardResponseHandler.Visitor.builder()
                                .build())
                        .build());
        assertThatThrownBy(() -> join(second)).hasCauseInstanceOf(ResourceInUseException.class);
        Thread.sleep(5_100);
        CompletableFuture<Void> takeOver = kinesis.subscribeToShard(
                b -> b.consumerARN(consumer.consumerARN())
                        .shardId("shardId-000000000000")
                        .startingPosition(p -> p.type(ShardIteratorType.AFTER_SEQUENCE_NUMBER)
                                .sequenceNumber(last.continuationSequenceNumber())),
                SubscribeToShardResponseHandler.builder()
                        .subscriber(SubscribeToShardResponseHandler.Visitor.builder()
                                .build())
                        .build());
        assertThatThrownBy(() -> first.orTimeout(10, TimeUnit.SECONDS).join())
                .as("the first subscription ends when the later one takes over")
                .hasCauseInstanceOf(ResourceInUseException.class);
        assertThat(takeOver).isNotDone();
        takeOver.cancel(true);
    }
}
