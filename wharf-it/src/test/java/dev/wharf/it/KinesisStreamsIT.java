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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;
import software.amazon.awssdk.services.kinesis.model.StreamMode;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import software.amazon.awssdk.services.kinesis.model.Tag;
import software.amazon.awssdk.services.kinesis.waiters.KinesisWaiter;

/**
 * Kinesis streams through the SDK v2's sync client, which speaks CBOR by default, against a real Wharf: creation and
 * the SDK's own waiters over the asynchronous statuses, description, listing, tags, retention, resharding and
 * deletion, and AWS's errors as the SDK's typed exceptions.
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
}
