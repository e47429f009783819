package dev.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.server.WharfConfig;
import dev.wharf.server.WharfServer;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Consumer;
import software.amazon.awssdk.services.kinesis.model.ConsumerStatus;
import software.amazon.awssdk.services.kinesis.model.EncryptionType;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.MinimumThroughputBillingCommitmentInputStatus;
import software.amazon.awssdk.services.kinesis.model.MinimumThroughputBillingCommitmentOutputStatus;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.ScalingType;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardFilterType;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;
import software.amazon.awssdk.services.kinesis.model.StreamMode;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import software.amazon.awssdk.services.kinesis.model.Tag;
import software.amazon.awssdk.services.kinesis.waiters.KinesisWaiter;

/**
 * Kinesis streams through the SDK v2's sync client, which speaks CBOR by default, against a real Wharf: creation and
 * the SDK's own waiters over the asynchronous statuses, description, listing, tags, retention, resharding, shard count
 * updates, capacity modes, encryption, consumers, resource tags and policies, account settings and deletion, and AWS's
 * errors as the SDK's typed exceptions.
 */
class KinesisStreamsIT {

    private static WharfServer server;
    private static KinesisClient kinesis;
    private static KinesisWaiter waiter;

    @BeforeAll
    static void start() throws Exception {
        server = LocalWharf.inMemory(WharfConfig.Limits.defaults());
        kinesis = KinesisClient.builder()
                .endpointOverride(URI.create(server.endpoint()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(ApacheHttpClient.create())
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
    static void stop() {
        waiter.close();
        kinesis.close();
        server.close();
    }

    private static StreamDescriptionSummary summary(String name) {
        return kinesis.describeStreamSummary(b -> b.streamName(name)).streamDescriptionSummary();
    }

    @Test
    void aStreamIsCreatingThenActiveAsTheSdksWaiterSees() {
        kinesis.createStream(b -> b.streamName("it-orders").shardCount(3).tags(Map.of("team", "wharf")));
        assertThat(summary("it-orders").streamStatus()).isEqualTo(StreamStatus.CREATING);

        waiter.waitUntilStreamExists(b -> b.streamName("it-orders"));
        StreamDescriptionSummary active = summary("it-orders");
        assertThat(active.streamStatus()).isEqualTo(StreamStatus.ACTIVE);
        assertThat(active.openShardCount()).isEqualTo(3);
        assertThat(active.retentionPeriodHours()).isEqualTo(24);
        assertThat(active.streamARN()).isEqualTo("arn:aws:kinesis:us-east-1:000000000000:stream/it-orders");
        assertThat(active.streamModeDetails().streamMode()).isEqualTo(StreamMode.PROVISIONED);
        assertThat(active.streamCreationTimestamp()).isBetween(Instant.now().minusSeconds(60), Instant.now());

        List<Shard> shards = kinesis.listShards(b -> b.streamName("it-orders")).shards();
        assertThat(shards)
                .extracting(Shard::shardId)
                .containsExactly("shardId-000000000000", "shardId-000000000001", "shardId-000000000002");
        assertThat(shards.get(0).hashKeyRange().startingHashKey()).isEqualTo("0");
        assertThat(new BigInteger(shards.get(2).hashKeyRange().endingHashKey()))
                .isEqualTo(BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE));
        assertThat(kinesis.describeStream(b -> b.streamARN(active.streamARN()))
                        .streamDescription()
                        .shards())
                .hasSize(3);
        assertThat(kinesis.listTagsForStream(b -> b.streamName("it-orders")).tags())
                .containsExactly(Tag.builder().key("team").value("wharf").build());
        assertThat(kinesis.listStreams(b -> b.limit(100)).streamNames()).contains("it-orders");
    }

    @Test
    void retentionTagsAndASplitChangeTheStream() {
        kinesis.createStream(b -> b.streamName("it-changes").shardCount(1));
        waiter.waitUntilStreamExists(b -> b.streamName("it-changes"));
        kinesis.increaseStreamRetentionPeriod(b -> b.streamName("it-changes").retentionPeriodHours(168));
        assertThat(summary("it-changes").retentionPeriodHours()).isEqualTo(168);
        kinesis.addTagsToStream(b -> b.streamName("it-changes").tags(Map.of("a", "1", "b", "2")));
        kinesis.removeTagsFromStream(b -> b.streamName("it-changes").tagKeys("a"));
        assertThat(kinesis.listTagsForStream(b -> b.streamName("it-changes")).tags())
                .extracting(Tag::key)
                .containsExactly("b");

        var monitoring = kinesis.enableEnhancedMonitoring(b -> b.streamName("it-changes")
                .shardLevelMetrics(
                        software.amazon.awssdk.services.kinesis.model.MetricsName.INCOMING_BYTES,
                        software.amazon.awssdk.services.kinesis.model.MetricsName.OUTGOING_RECORDS));
        assertThat(monitoring.desiredShardLevelMetricsAsStrings()).containsExactly("IncomingBytes", "OutgoingRecords");
        assertThat(summary("it-changes").enhancedMonitoring().getFirst().shardLevelMetricsAsStrings())
                .containsExactly("IncomingBytes", "OutgoingRecords");

        String middle = BigInteger.ONE.shiftLeft(127).toString();
        kinesis.splitShard(b ->
                b.streamName("it-changes").shardToSplit("shardId-000000000000").newStartingHashKey(middle));
        waiter.waitUntilStreamExists(b -> b.streamName("it-changes"));
        List<Shard> shards = kinesis.listShards(b -> b.streamName("it-changes")).shards();
        assertThat(shards).hasSize(3);
        assertThat(shards.get(0).sequenceNumberRange().endingSequenceNumber()).isNotNull();
        assertThat(shards.get(1).parentShardId()).isEqualTo("shardId-000000000000");
        assertThat(shards.get(2).hashKeyRange().startingHashKey()).isEqualTo(middle);
    }

    @Test
    void awsErrorsArriveAsTheSdksTypedExceptions() {
        assertThatThrownBy(() -> summary("it-missing")).isInstanceOfSatisfying(ResourceNotFoundException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorMessage())
                    .isEqualTo("Stream it-missing under account 000000000000 not found.");
        });
        kinesis.createStream(b -> b.streamName("it-twice").shardCount(1));
        assertThatThrownBy(
                        () -> kinesis.createStream(b -> b.streamName("it-twice").shardCount(1)))
                .isInstanceOf(ResourceInUseException.class)
                .hasMessageContaining("Stream it-twice under account 000000000000 already exists.");
        assertThatThrownBy(() -> kinesis.createStream(b -> b.streamName("it-no-count")))
                .isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() ->
                        kinesis.createStream(b -> b.streamName("bad name!").shardCount(1)))
                .isInstanceOfSatisfying(software.amazon.awssdk.services.kinesis.model.KinesisException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    assertThat(e.awsErrorDetails().errorMessage())
                            .startsWith("1 validation error detected: Value 'bad name!' at 'streamName'");
                });
    }

    @Test
    void aDeletedStreamIsGoneAsTheSdksWaiterSees() {
        kinesis.createStream(b -> b.streamName("it-brief").shardCount(1));
        waiter.waitUntilStreamExists(b -> b.streamName("it-brief"));
        kinesis.deleteStream(b -> b.streamName("it-brief"));
        assertThat(summary("it-brief").streamStatus()).isEqualTo(StreamStatus.DELETING);
        waiter.waitUntilStreamNotExists(b -> b.streamName("it-brief"));
        assertThatThrownBy(() -> summary("it-brief")).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void updateShardCountReshardsEvenlyAsTheSdksWaiterSees() {
        kinesis.createStream(b -> b.streamName("it-scale").shardCount(2));
        waiter.waitUntilStreamExists(b -> b.streamName("it-scale"));
        var response = kinesis.updateShardCount(
                b -> b.streamName("it-scale").targetShardCount(4).scalingType(ScalingType.UNIFORM_SCALING));
        assertThat(response.currentShardCount()).isEqualTo(2);
        assertThat(response.targetShardCount()).isEqualTo(4);
        assertThat(response.streamARN()).isEqualTo("arn:aws:kinesis:us-east-1:000000000000:stream/it-scale");
        assertThat(summary("it-scale").streamStatus()).isEqualTo(StreamStatus.UPDATING);
        waiter.waitUntilStreamExists(b -> b.streamName("it-scale"));

        List<Shard> open = kinesis.listShards(
                        b -> b.streamName("it-scale").shardFilter(f -> f.type(ShardFilterType.AT_LATEST)))
                .shards();
        assertThat(open).hasSize(4);
        BigInteger quarter = BigInteger.ONE.shiftLeft(126);
        assertThat(open)
                .extracting(shard -> new BigInteger(shard.hashKeyRange().startingHashKey()))
                .containsExactly(
                        BigInteger.ZERO, quarter, quarter.shiftLeft(1), quarter.multiply(BigInteger.valueOf(3)));
        assertThat(open)
                .extracting(Shard::parentShardId)
                .containsExactly(
                        "shardId-000000000000", "shardId-000000000000", "shardId-000000000001", "shardId-000000000001");
        assertThat(kinesis.listShards(
                                b -> b.streamName("it-scale").shardFilter(f -> f.type(ShardFilterType.AT_TRIM_HORIZON)))
                        .shards())
                .extracting(Shard::shardId)
                .containsExactly("shardId-000000000000", "shardId-000000000001");
        assertThat(kinesis.listShards(
                                b -> b.streamName("it-scale").shardFilter(f -> f.type(ShardFilterType.AT_TIMESTAMP)
                                        .timestamp(Instant.now())))
                        .shards())
                .hasSize(4);
        assertThatThrownBy(() -> kinesis.updateShardCount(
                        b -> b.streamName("it-scale").targetShardCount(9).scalingType(ScalingType.UNIFORM_SCALING)))
                .isInstanceOfSatisfying(LimitExceededException.class, e -> assertThat(
                                e.awsErrorDetails().errorMessage())
                        .isEqualTo("UpdateShardCount cannot scale up over double your current open shard count."
                                + " Current open shard count: 4 Target shard count: 9"));
        assertThatThrownBy(() -> kinesis.listShards(
                        b -> b.streamName("it-scale").shardFilter(f -> f.type(ShardFilterType.AFTER_SHARD_ID))))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("ShardId must be provided for a ShardFilter of type AFTER_SHARD_ID.");
    }

    @Test
    void modeEncryptionAndRecordSizeAreShownByTheSummary() {
        kinesis.createStream(b -> b.streamName("it-settings").shardCount(1));
        waiter.waitUntilStreamExists(b -> b.streamName("it-settings"));
        String arn = summary("it-settings").streamARN();
        kinesis.startStreamEncryption(
                b -> b.streamARN(arn).encryptionType(EncryptionType.KMS).keyId("alias/aws/kinesis"));
        waiter.waitUntilStreamExists(b -> b.streamName("it-settings"));
        StreamDescriptionSummary encrypted = summary("it-settings");
        assertThat(encrypted.encryptionType()).isEqualTo(EncryptionType.KMS);
        assertThat(encrypted.keyId()).isEqualTo("alias/aws/kinesis");

        kinesis.updateStreamMode(b -> b.streamARN(arn).streamModeDetails(m -> m.streamMode(StreamMode.ON_DEMAND)));
        waiter.waitUntilStreamExists(b -> b.streamName("it-settings"));
        assertThat(summary("it-settings").streamModeDetails().streamMode()).isEqualTo(StreamMode.ON_DEMAND);

        kinesis.updateMaxRecordSize(b -> b.streamARN(arn).maxRecordSizeInKiB(4096));
        assertThat(summary("it-settings").maxRecordSizeInKiB()).isEqualTo(4096);
        kinesis.stopStreamEncryption(b ->
                b.streamName("it-settings").encryptionType(EncryptionType.KMS).keyId("alias/aws/kinesis"));
        waiter.waitUntilStreamExists(b -> b.streamName("it-settings"));
        assertThat(summary("it-settings").encryptionType()).isEqualTo(EncryptionType.NONE);
        assertThatThrownBy(() -> kinesis.updateShardCount(
                        b -> b.streamARN(arn).targetShardCount(2).scalingType(ScalingType.UNIFORM_SCALING)))
                .isInstanceOfSatisfying(KinesisException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("Request is invalid. Stream it-settings under account 000000000000 is in"
                                    + " On-Demand mode.");
                });
    }

    @Test
    void consumersAreRegisteredListedAndDeregistered() {
        kinesis.createStream(b -> b.streamName("it-fanout").shardCount(1));
        waiter.waitUntilStreamExists(b -> b.streamName("it-fanout"));
        String stream = summary("it-fanout").streamARN();
        Consumer registered = kinesis.registerStreamConsumer(
                        b -> b.streamARN(stream).consumerName("app").tags(Map.of("team", "wharf")))
                .consumer();
        assertThat(registered.consumerStatus()).isEqualTo(ConsumerStatus.CREATING);
        assertThat(registered.consumerARN()).startsWith(stream + "/consumer/app:");
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                        kinesis.describeStreamConsumer(b -> b.consumerARN(registered.consumerARN()))
                                .consumerDescription()
                                .consumerStatus())
                .isEqualTo(ConsumerStatus.ACTIVE));
        assertThat(kinesis.describeStreamConsumer(b -> b.streamARN(stream).consumerName("app"))
                        .consumerDescription()
                        .streamARN())
                .isEqualTo(stream);
        assertThat(kinesis.listStreamConsumers(b -> b.streamARN(stream)).consumers())
                .extracting(Consumer::consumerName)
                .containsExactly("app");
        assertThat(summary("it-fanout").consumerCount()).isEqualTo(1);
        assertThat(kinesis.listTagsForResource(b -> b.resourceARN(registered.consumerARN()))
                        .tags())
                .containsExactly(Tag.builder().key("team").value("wharf").build());

        assertThatThrownBy(() -> kinesis.deleteStream(b -> b.streamName("it-fanout")))
                .isInstanceOf(ResourceInUseException.class);
        kinesis.deregisterStreamConsumer(b -> b.consumerARN(registered.consumerARN()));
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThatThrownBy(
                        () -> kinesis.describeStreamConsumer(b -> b.consumerARN(registered.consumerARN())))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> assertThat(
                                e.awsErrorDetails().errorMessage())
                        .isEqualTo("Consumer " + registered.consumerARN() + ", account 000000000000 not found.")));
        kinesis.deleteStream(b -> b.streamName("it-fanout"));
    }

    @Test
    void tagsAndPoliciesAreKeptByResourceArn() {
        kinesis.createStream(b -> b.streamName("it-resource").shardCount(1));
        waiter.waitUntilStreamExists(b -> b.streamName("it-resource"));
        String arn = summary("it-resource").streamARN();
        kinesis.tagResource(b -> b.resourceARN(arn).tags(Map.of("b", "2", "a", "1")));
        kinesis.untagResource(b -> b.resourceARN(arn).tagKeys("b"));
        assertThat(kinesis.listTagsForResource(b -> b.resourceARN(arn)).tags())
                .containsExactly(Tag.builder().key("a").value("1").build());
        assertThat(kinesis.getResourcePolicy(b -> b.resourceARN(arn)).policy()).isEqualTo("{}");
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
                + "{\"AWS\":\"arn:aws:iam::111111111111:root\"},\"Action\":\"kinesis:GetRecords\",\"Resource\":\""
                + arn + "\"}]}";
        kinesis.putResourcePolicy(b -> b.resourceARN(arn).policy(policy));
        assertThat(kinesis.getResourcePolicy(b -> b.resourceARN(arn)).policy()).isEqualTo(policy);
        kinesis.deleteResourcePolicy(b -> b.resourceARN(arn));
        assertThatThrownBy(() -> kinesis.deleteResourcePolicy(b -> b.resourceARN(arn)))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("No resource policy found for resource ARN " + arn + ".");
        assertThatThrownBy(
                        () -> kinesis.putResourcePolicy(b -> b.resourceARN(arn).policy("[]")))
                .isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void theAccountsCommitmentAllowsWarmThroughputOnDemand() {
        var commitment = kinesis.updateAccountSettings(b -> b.minimumThroughputBillingCommitment(
                        c -> c.status(MinimumThroughputBillingCommitmentInputStatus.ENABLED)))
                .minimumThroughputBillingCommitment();
        assertThat(commitment.status()).isEqualTo(MinimumThroughputBillingCommitmentOutputStatus.ENABLED);
        assertThat(commitment.earliestAllowedEndAt())
                .isEqualTo(commitment.startedAt().plus(Duration.ofDays(1)));
        assertThat(kinesis.describeAccountSettings(b -> {})
                        .minimumThroughputBillingCommitment()
                        .status())
                .isEqualTo(MinimumThroughputBillingCommitmentOutputStatus.ENABLED);
        kinesis.createStream(b -> b.streamName("it-warm").streamModeDetails(m -> m.streamMode(StreamMode.ON_DEMAND)));
        waiter.waitUntilStreamExists(b -> b.streamName("it-warm"));
        var warm =
                kinesis.updateStreamWarmThroughput(b -> b.streamName("it-warm").warmThroughputMiBps(100));
        assertThat(warm.warmThroughput().targetMiBps()).isEqualTo(100);
        waiter.waitUntilStreamExists(b -> b.streamName("it-warm"));
        assertThat(summary("it-warm").warmThroughput().currentMiBps()).isEqualTo(100);
        var ending = kinesis.updateAccountSettings(b -> b.minimumThroughputBillingCommitment(
                        c -> c.status(MinimumThroughputBillingCommitmentInputStatus.DISABLED)))
                .minimumThroughputBillingCommitment();
        assertThat(ending.status())
                .isEqualTo(MinimumThroughputBillingCommitmentOutputStatus.ENABLED_UNTIL_EARLIEST_ALLOWED_END);
    }
}
