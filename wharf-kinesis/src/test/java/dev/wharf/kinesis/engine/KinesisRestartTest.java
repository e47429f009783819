package dev.wharf.kinesis.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.common.AwsException;
import dev.wharf.kinesis.api.AddTagsToStreamRequest;
import dev.wharf.kinesis.api.CreateStreamRequest;
import dev.wharf.kinesis.api.DeleteStreamRequest;
import dev.wharf.kinesis.api.DescribeStreamRequest;
import dev.wharf.kinesis.api.DescribeStreamSummaryRequest;
import dev.wharf.kinesis.api.GetResourcePolicyRequest;
import dev.wharf.kinesis.api.IncreaseStreamRetentionPeriodRequest;
import dev.wharf.kinesis.api.KinesisContext;
import dev.wharf.kinesis.api.ListShardsRequest;
import dev.wharf.kinesis.api.ListTagsForStreamRequest;
import dev.wharf.kinesis.api.PutResourcePolicyRequest;
import dev.wharf.kinesis.api.Shard;
import dev.wharf.kinesis.api.ShardFilter;
import dev.wharf.kinesis.api.SplitShardRequest;
import dev.wharf.kinesis.api.StartStreamEncryptionRequest;
import dev.wharf.kinesis.api.StreamDescription;
import dev.wharf.kinesis.api.StreamDescriptionSummary;
import dev.wharf.kinesis.api.StreamModeDetails;
import dev.wharf.kinesis.api.Tag;
import dev.wharf.kinesis.api.UpdateShardCountRequest;
import dev.wharf.storage.MemoryStorageEngine;
import dev.wharf.storage.StreamStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** Streams survive a new engine over the same store: statuses, shards, tags, retention and a split in flight. */
class KinesisRestartTest {

    private static final KinesisContext CONTEXT = new KinesisContext("000000000000", "us-east-1");
    private static final KinesisConfig CONFIG = new KinesisConfig(Duration.ofMillis(500), 100, true);

    private final TestClock clock = new TestClock(Instant.parse("2025-01-01T00:00:00Z"));
    private final StreamStore store = new MemoryStorageEngine().streams();

    private KinesisEngine open() {
        return new KinesisEngine(clock, CONFIG, store);
    }

    private static StreamDescription describe(KinesisEngine kinesis, String name) {
        return Objects.requireNonNull(
                kinesis.describeStream(CONTEXT, new DescribeStreamRequest(name, null, null, null, null))
                        .streamDescription());
    }

    @Test
    void everyAcknowledgedChangeIsThereAfterARestart() {
        KinesisEngine first = open();
        first.createStream(CONTEXT, new CreateStreamRequest("kept", 2, null, Map.of("team", "wharf"), null, null));
        first.createStream(
                CONTEXT, new CreateStreamRequest("demand", null, new StreamModeDetails("ON_DEMAND"), null, null, null));
        first.createStream(CONTEXT, new CreateStreamRequest("gone", 1, null, null, null, null));
        clock.advance(Duration.ofSeconds(1));
        first.increaseStreamRetentionPeriod(CONTEXT, new IncreaseStreamRetentionPeriodRequest("kept", 72, null, null));
        first.addTagsToStream(CONTEXT, new AddTagsToStreamRequest("kept", Map.of("env", "ci"), null, null));
        first.splitShard(
                CONTEXT, new SplitShardRequest("kept", "shardId-000000000000", "1000000000000000000000", null, null));
        first.enableEnhancedMonitoring(
                CONTEXT,
                new dev.wharf.kinesis.api.EnableEnhancedMonitoringRequest(
                        "demand", List.of("IncomingRecords"), null, null));
        first.deleteStream(CONTEXT, new DeleteStreamRequest("gone", null, null, null));

        KinesisEngine second = open();
        StreamDescription kept = describe(second, "kept");
        assertThat(kept.streamStatus()).as("the split is still in flight").isEqualTo("UPDATING");
        assertThat(kept.retentionPeriodHours()).isEqualTo(72);
        assertThat(second.listTagsForStream(CONTEXT, new ListTagsForStreamRequest("kept", null, null, null, null))
                        .tags())
                .containsExactly(new Tag("env", "ci"), new Tag("team", "wharf"));
        assertThat(describe(second, "demand").streamModeDetails()).isEqualTo(new StreamModeDetails("ON_DEMAND"));
        assertThat(Objects.requireNonNull(describe(second, "demand").enhancedMonitoring())
                        .getFirst()
                        .shardLevelMetrics())
                .containsExactly("IncomingRecords");
        assertThat(describe(second, "gone").streamStatus()).isEqualTo("DELETING");

        clock.advance(Duration.ofMillis(500));
        List<Shard> shards = Objects.requireNonNull(describe(second, "kept").shards());
        assertThat(shards).extracting(Shard::shardId).hasSize(4);
        assertThat(shards.get(2).parentShardId()).isEqualTo("shardId-000000000000");
        assertThatThrownBy(() -> describe(second, "gone")).isInstanceOf(AwsException.class);

        KinesisEngine third = open();
        assertThat(describe(third, "kept").streamStatus()).isEqualTo("ACTIVE");
        assertThat(describe(third, "kept").shards()).hasSize(4);
        assertThatThrownBy(() -> describe(third, "gone")).isInstanceOf(AwsException.class);
        // A stream made now gets a new id: the deleted one's cannot come back.
        third.createStream(CONTEXT, new CreateStreamRequest("gone", 1, null, null, null, null));
        assertThat(describe(third, "gone").streamStatus()).isEqualTo("CREATING");
    }

    @Test
    void settingsShardTimesAndDailyQuotasAreThereAfterARestart() {
        KinesisEngine first = open();
        first.createStream(CONTEXT, new CreateStreamRequest("set", 1, null, null, null, 2048));
        clock.advance(Duration.ofSeconds(1));
        String arn = "arn:aws:kinesis:us-east-1:000000000000:stream/set";
        first.updateShardCount(CONTEXT, new UpdateShardCountRequest("set", 2, "UNIFORM_SCALING", null, null));
        Instant resharded = clock.instant().plusMillis(500);
        clock.advance(Duration.ofSeconds(1));
        first.updateShardCount(CONTEXT, new UpdateShardCountRequest("set", 1, "UNIFORM_SCALING", null, null));
        clock.advance(Duration.ofSeconds(1));
        first.startStreamEncryption(CONTEXT, new StartStreamEncryptionRequest(null, "KMS", "alias/mine", arn, null));
        first.putResourcePolicy(
                CONTEXT, new PutResourcePolicyRequest(arn, null, "{\"Version\":\"2012-10-17\",\"Statement\":[]}"));

        KinesisEngine second = open();
        StreamDescriptionSummary updating = summary(second);
        assertThat(updating.streamStatus()).isEqualTo("UPDATING");
        assertThat(updating.encryptionType()).isEqualTo("NONE");
        assertThat(updating.maxRecordSizeInKiB()).isEqualTo(2048);
        clock.advance(Duration.ofSeconds(1));
        assertThat(summary(second).encryptionType()).isEqualTo("KMS");
        assertThat(summary(second).keyId()).isEqualTo("alias/mine");
        assertThat(second.getResourcePolicy(CONTEXT, new GetResourcePolicyRequest(arn, null))
                        .policy())
                .contains("2012-10-17");

        KinesisEngine third = open();
        // The shards open just after the first reshard: its two children, known by the time they opened.
        assertThat(third.listShards(
                                CONTEXT,
                                new ListShardsRequest(
                                        "set",
                                        null,
                                        null,
                                        null,
                                        null,
                                        new ShardFilter("AT_TIMESTAMP", null, resharded.plusMillis(1)),
                                        null,
                                        null))
                        .shards())
                .extracting(Shard::shardId)
                .containsExactly("shardId-000000000001", "shardId-000000000002");
        for (int i = 0; i < 8; i++) {
            third.updateShardCount(
                    CONTEXT, new UpdateShardCountRequest("set", 1 + (i + 1) % 2, "UNIFORM_SCALING", null, null));
            clock.advance(Duration.ofSeconds(1));
        }
        assertThatThrownBy(() -> open().updateShardCount(
                                CONTEXT, new UpdateShardCountRequest("set", 2, "UNIFORM_SCALING", null, null)))
                .as("the tenth call of the day was counted before the restart")
                .hasMessageContaining("Exceeded the limit of 10 UpdateShardCount calls");
    }

    private static StreamDescriptionSummary summary(KinesisEngine kinesis) {
        return Objects.requireNonNull(
                kinesis.describeStreamSummary(CONTEXT, new DescribeStreamSummaryRequest("set", null, null))
                        .streamDescriptionSummary());
    }
}
