package dev.wharf.kinesis.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.common.AwsException;
import dev.wharf.kinesis.api.AddTagsToStreamRequest;
import dev.wharf.kinesis.api.CreateStreamRequest;
import dev.wharf.kinesis.api.DecreaseStreamRetentionPeriodRequest;
import dev.wharf.kinesis.api.DescribeLimitsRequest;
import dev.wharf.kinesis.api.DescribeLimitsResponse;
import dev.wharf.kinesis.api.DescribeStreamRequest;
import dev.wharf.kinesis.api.DescribeStreamSummaryRequest;
import dev.wharf.kinesis.api.IncreaseStreamRetentionPeriodRequest;
import dev.wharf.kinesis.api.KinesisContext;
import dev.wharf.kinesis.api.KinesisError;
import dev.wharf.kinesis.api.ListTagsForStreamRequest;
import dev.wharf.kinesis.api.ListTagsForStreamResponse;
import dev.wharf.kinesis.api.MergeShardsRequest;
import dev.wharf.kinesis.api.RemoveTagsFromStreamRequest;
import dev.wharf.kinesis.api.Shard;
import dev.wharf.kinesis.api.SplitShardRequest;
import dev.wharf.kinesis.api.StreamDescription;
import dev.wharf.kinesis.api.StreamModeDetails;
import dev.wharf.kinesis.api.Tag;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Retention, tags, limits and resharding on the engine, with a clock the test moves. */
class KinesisStreamChangesTest {

    private static final KinesisContext CONTEXT = new KinesisContext("000000000000", "us-east-1");

    private final TestClock clock = new TestClock(Instant.parse("2025-01-01T00:00:00Z"));
    private final KinesisEngine kinesis = new KinesisEngine(
            clock,
            new KinesisConfig(Duration.ofMillis(500), 6, true),
            new dev.wharf.storage.MemoryStorageEngine().streams());

    @BeforeEach
    void stream() {
        kinesis.createStream(CONTEXT, new CreateStreamRequest("s", 2, null, null, null, null));
        clock.advance(Duration.ofSeconds(1));
    }

    private static void assertError(Runnable call, KinesisError error, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(AwsException.class, e -> {
            assertThat(e.code()).isEqualTo(error);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    private StreamDescription describe() {
        return Objects.requireNonNull(
                kinesis.describeStream(CONTEXT, new DescribeStreamRequest("s", null, null, null, null))
                        .streamDescription());
    }

    private void increase(int hours) {
        kinesis.increaseStreamRetentionPeriod(
                CONTEXT, new IncreaseStreamRetentionPeriodRequest("s", hours, null, null));
    }

    private void decrease(int hours) {
        kinesis.decreaseStreamRetentionPeriod(
                CONTEXT, new DecreaseStreamRetentionPeriodRequest("s", hours, null, null));
    }

    @Test
    void retentionMovesWithinItsBoundsAndOnlyInTheDirectionAsked() {
        increase(48);
        assertThat(describe().retentionPeriodHours()).isEqualTo(48);
        decrease(24);
        assertThat(describe().retentionPeriodHours()).isEqualTo(24);
        increase(8_760);
        assertError(
                () -> increase(24),
                KinesisError.InvalidArgument,
                "Requested retention period (24 hours) for stream s can not be shorter than existing retention period"
                        + " (8760 hours). Use DecreaseRetentionPeriod API.");
        decrease(100);
        assertError(
                () -> decrease(200),
                KinesisError.InvalidArgument,
                "Requested retention period (200 hours) for stream s can not be longer than existing retention period"
                        + " (100 hours). Use IncreaseRetentionPeriod API.");
        assertError(
                () -> decrease(23),
                KinesisError.InvalidArgument,
                "Minimum allowed retention period is 24 hours. Requested retention period (23 hours) is too short.");
        assertError(
                () -> increase(8_761),
                KinesisError.InvalidArgument,
                "Maximum allowed retention period is 8760 hours. Requested retention period (8761 hours) is too long.");
        assertError(
                () -> kinesis.increaseStreamRetentionPeriod(
                        CONTEXT, new IncreaseStreamRetentionPeriodRequest("s", null, null, null)),
                KinesisError.Validation,
                "1 validation error detected: Value null at 'retentionPeriodHours' failed to satisfy constraint:"
                        + " Member must not be null");
    }

    @Test
    void tagsAreAddedRemovedAndListedInKeyOrder() {
        kinesis.addTagsToStream(
                CONTEXT, new AddTagsToStreamRequest("s", Map.of("b", "2", "a", "1", "c", ""), null, null));
        kinesis.addTagsToStream(CONTEXT, new AddTagsToStreamRequest("s", Map.of("a", "one"), null, null));
        ListTagsForStreamResponse page =
                kinesis.listTagsForStream(CONTEXT, new ListTagsForStreamRequest("s", null, 2, null, null));
        assertThat(page.tags()).containsExactly(new Tag("a", "one"), new Tag("b", "2"));
        assertThat(page.hasMoreTags()).isTrue();
        assertThat(kinesis.listTagsForStream(CONTEXT, new ListTagsForStreamRequest("s", "b", null, null, null))
                        .tags())
                .containsExactly(new Tag("c", ""));
        kinesis.removeTagsFromStream(CONTEXT, new RemoveTagsFromStreamRequest("s", List.of("a", "nope"), null, null));
        assertThat(kinesis.listTagsForStream(CONTEXT, new ListTagsForStreamRequest("s", null, null, null, null))
                        .tags())
                .extracting(Tag::key)
                .containsExactly("b", "c");
    }

    @Test
    void tagsAreCheckedAsAwsChecksThem() {
        assertError(
                () -> kinesis.addTagsToStream(CONTEXT, new AddTagsToStreamRequest("s", Map.of("k", "v*"), null, null)),
                KinesisError.InvalidArgument,
                "Some tags contain invalid characters. Valid characters: Unicode letters, digits, white space, _ . / ="
                        + " + - % @.");
        Map<String, String> many = new HashMap<>();
        for (int i = 0; i < 10; i++) {
            many.put("k" + i, "v");
        }
        for (int round = 0; round < 5; round++) {
            Map<String, String> batch = new HashMap<>();
            for (int i = 0; i < 10; i++) {
                batch.put("r" + round + "k" + i, "v");
            }
            kinesis.addTagsToStream(CONTEXT, new AddTagsToStreamRequest("s", batch, null, null));
        }
        assertError(
                () -> kinesis.addTagsToStream(
                        CONTEXT, new AddTagsToStreamRequest("s", Map.of("one-more", "v"), null, null)),
                KinesisError.InvalidArgument,
                "Failed to add tags to stream s under account 000000000000 because a given stream cannot have more"
                        + " than 50 tags associated with it.");
        many.put("k10", "v");
        assertError(
                () -> kinesis.addTagsToStream(CONTEXT, new AddTagsToStreamRequest("s", many, null, null)),
                KinesisError.Validation,
                "1 validation error detected: Value '11' at 'tags' failed to satisfy constraint: Member must have value"
                        + " less than or equal to 10");
    }

    @Test
    void aSplitClosesTheParentAndMakesTwoChildrenOnceTheUpdateIsOver() {
        Shard parent = Objects.requireNonNull(describe().shards()).getFirst();
        BigInteger middle = new BigInteger(Objects.requireNonNull(
                        Objects.requireNonNull(parent.hashKeyRange()).endingHashKey()))
                .shiftRight(1);
        kinesis.splitShard(CONTEXT, new SplitShardRequest("s", "shardId-000000000000", middle.toString(), null, null));
        assertThat(describe().streamStatus()).isEqualTo("UPDATING");
        assertThat(describe().shards()).hasSize(2);
        assertError(
                () -> kinesis.mergeShards(
                        CONTEXT,
                        new MergeShardsRequest("s", "shardId-000000000000", "shardId-000000000001", null, null)),
                KinesisError.ResourceInUse,
                "Stream s under account 000000000000 not ACTIVE, instead in state UPDATING");

        clock.advance(Duration.ofMillis(500));
        StreamDescription after = describe();
        assertThat(after.streamStatus()).isEqualTo("ACTIVE");
        List<Shard> shards = Objects.requireNonNull(after.shards());
        assertThat(shards)
                .extracting(Shard::shardId)
                .containsExactly(
                        "shardId-000000000000", "shardId-000000000001", "shardId-000000000002", "shardId-000000000003");
        assertThat(Objects.requireNonNull(shards.get(0).sequenceNumberRange()).endingSequenceNumber())
                .isEqualTo(SequenceNumbers.format(0, Long.MAX_VALUE));
        assertThat(shards.get(2).parentShardId()).isEqualTo("shardId-000000000000");
        assertThat(Objects.requireNonNull(shards.get(2).hashKeyRange()).endingHashKey())
                .isEqualTo(middle.subtract(BigInteger.ONE).toString());
        assertThat(Objects.requireNonNull(shards.get(3).hashKeyRange()).startingHashKey())
                .isEqualTo(middle.toString());
        assertThat(kinesis.describeStreamSummary(CONTEXT, new DescribeStreamSummaryRequest("s", null, null))
                        .streamDescriptionSummary())
                .extracting(s -> s.openShardCount())
                .isEqualTo(3);
        assertError(
                () -> kinesis.splitShard(
                        CONTEXT, new SplitShardRequest("s", "shardId-000000000000", middle.toString(), null, null)),
                KinesisError.ResourceInUse,
                "Shard shardId-000000000000 in stream s under account 000000000000 has already been merged or split,"
                        + " and thus is not eligible for merging or splitting.");
    }

    @Test
    void aSplitAtTheEdgeOfTheRangeOrOfAShardThatIsNotThereIsRefused() {
        assertError(
                () -> kinesis.splitShard(CONTEXT, new SplitShardRequest("s", "shardId-000000000000", "1", null, null)),
                KinesisError.InvalidArgument,
                "NewStartingHashKey 1 used in SplitShard() on shard shardId-000000000000 in stream s under account"
                        + " 000000000000 is not both greater than one plus the shard's StartingHashKey 0 and less than"
                        + " the shard's EndingHashKey 170141183460469231731687303715884105727.");
        assertError(
                () -> kinesis.splitShard(CONTEXT, new SplitShardRequest("s", "shardId-000000000009", "5", null, null)),
                KinesisError.ResourceNotFound,
                "Could not find shard shardId-000000000009 in stream s under account 000000000000.");
    }

    @Test
    void aMergeJoinsTwoAdjacentShardsIntoOne() {
        assertError(
                () -> kinesis.mergeShards(
                        CONTEXT,
                        new MergeShardsRequest("s", "shardId-000000000001", "shardId-000000000000", null, null)),
                KinesisError.InvalidArgument,
                "Shards shardId-000000000001 and shardId-000000000000 in stream s under account 000000000000 are not an"
                        + " adjacent pair of shards eligible for merging");
        kinesis.mergeShards(
                CONTEXT, new MergeShardsRequest("s", "shardId-000000000000", "shardId-000000000001", null, null));
        clock.advance(Duration.ofMillis(500));
        Shard child = Objects.requireNonNull(describe().shards()).get(2);
        assertThat(child.shardId()).isEqualTo("shardId-000000000002");
        assertThat(child.parentShardId()).isEqualTo("shardId-000000000000");
        assertThat(child.adjacentParentShardId()).isEqualTo("shardId-000000000001");
        assertThat(Objects.requireNonNull(child.hashKeyRange()).startingHashKey())
                .isEqualTo("0");
        assertThat(Objects.requireNonNull(child.hashKeyRange()).endingHashKey()).isEqualTo(HashKeys.MAX.toString());
    }

    @Test
    void limitsCountOpenShardsAndOnDemandStreams() {
        kinesis.createStream(
                CONTEXT, new CreateStreamRequest("od", null, new StreamModeDetails("ON_DEMAND"), null, null, null));
        DescribeLimitsResponse limits = kinesis.describeLimits(CONTEXT, new DescribeLimitsRequest());
        assertThat(limits.shardLimit()).isEqualTo(6);
        assertThat(limits.openShardCount()).isEqualTo(6);
        assertThat(limits.onDemandStreamCount()).isEqualTo(1);
        assertThat(limits.onDemandStreamCountLimit()).isEqualTo(50);
        assertError(
                () -> kinesis.splitShard(
                        CONTEXT, new SplitShardRequest("s", "shardId-000000000000", "1000", null, null)),
                KinesisError.LimitExceeded,
                "This request would exceed the shard limit for the account 000000000000 in us-east-1. Current shard"
                        + " count for the account: 6. Limit: 6. Number of additional shards that would have resulted"
                        + " from this request: 1. Refer to the AWS Service Limits page"
                        + " (http://docs.aws.amazon.com/general/latest/gr/aws_service_limits.html) for current limits"
                        + " and how to request higher limits.");
    }

    @Test
    void enhancedMonitoringIsTurnedOnAndOffAndShownInTheDescription() {
        var enabled = kinesis.enableEnhancedMonitoring(
                CONTEXT,
                new dev.wharf.kinesis.api.EnableEnhancedMonitoringRequest(
                        "s", List.of("OutgoingBytes", "IncomingBytes"), null, null));
        assertThat(enabled.currentShardLevelMetrics()).isEmpty();
        assertThat(enabled.desiredShardLevelMetrics()).containsExactly("IncomingBytes", "OutgoingBytes");
        assertThat(Objects.requireNonNull(describe().enhancedMonitoring())
                        .getFirst()
                        .shardLevelMetrics())
                .containsExactly("IncomingBytes", "OutgoingBytes");
        var all = kinesis.enableEnhancedMonitoring(
                CONTEXT, new dev.wharf.kinesis.api.EnableEnhancedMonitoringRequest("s", List.of("ALL"), null, null));
        assertThat(all.desiredShardLevelMetrics()).containsExactlyElementsOf(StreamChanges.METRICS);
        var disabled = kinesis.disableEnhancedMonitoring(
                CONTEXT,
                new dev.wharf.kinesis.api.DisableEnhancedMonitoringRequest("s", List.of("IncomingBytes"), null, null));
        assertThat(disabled.currentShardLevelMetrics()).containsExactlyElementsOf(StreamChanges.METRICS);
        assertThat(disabled.desiredShardLevelMetrics())
                .doesNotContain("IncomingBytes")
                .hasSize(6);
        assertError(
                () -> kinesis.enableEnhancedMonitoring(
                        CONTEXT,
                        new dev.wharf.kinesis.api.EnableEnhancedMonitoringRequest("s", List.of("Bogus"), null, null)),
                KinesisError.Validation,
                "1 validation error detected: Value '[Bogus]' at 'shardLevelMetrics' failed to satisfy constraint:"
                        + " Member must satisfy constraint: [Member must satisfy enum value set: [IncomingBytes,"
                        + " IncomingRecords, OutgoingBytes, OutgoingRecords, WriteProvisionedThroughputExceeded,"
                        + " ReadProvisionedThroughputExceeded, IteratorAgeMilliseconds, ALL]]");
    }
}
