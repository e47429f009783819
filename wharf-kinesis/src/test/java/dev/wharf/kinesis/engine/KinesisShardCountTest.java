package dev.wharf.kinesis.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.common.AwsException;
import dev.wharf.kinesis.api.CreateStreamRequest;
import dev.wharf.kinesis.api.DescribeStreamSummaryRequest;
import dev.wharf.kinesis.api.KinesisContext;
import dev.wharf.kinesis.api.KinesisError;
import dev.wharf.kinesis.api.ListShardsRequest;
import dev.wharf.kinesis.api.Shard;
import dev.wharf.kinesis.api.SplitShardRequest;
import dev.wharf.kinesis.api.StreamModeDetails;
import dev.wharf.kinesis.api.UpdateShardCountRequest;
import dev.wharf.kinesis.api.UpdateShardCountResponse;
import dev.wharf.storage.MemoryStorageEngine;
import dev.wharf.storage.StreamStore;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** UpdateShardCount on the engine: AWS's bounds, the asynchronous reshard to even ranges, and the shards' lineage. */
class KinesisShardCountTest {

    private static final KinesisContext CONTEXT = new KinesisContext("000000000000", "us-east-1");
    private static final KinesisConfig CONFIG = new KinesisConfig(Duration.ofMillis(500), 200, true);

    private final TestClock clock = new TestClock(Instant.parse("2025-01-01T00:00:00Z"));
    private final StreamStore store = new MemoryStorageEngine().streams();
    private KinesisEngine kinesis = new KinesisEngine(clock, CONFIG, store);

    private void create(String name, int shards) {
        kinesis.createStream(CONTEXT, new CreateStreamRequest(name, shards, null, null, null, null));
        clock.advance(Duration.ofSeconds(1));
    }

    private UpdateShardCountResponse update(String name, int target) {
        return kinesis.updateShardCount(
                CONTEXT, new UpdateShardCountRequest(name, target, "UNIFORM_SCALING", null, null));
    }

    private List<Shard> shards(String name) {
        return Objects.requireNonNull(
                kinesis.listShards(CONTEXT, new ListShardsRequest(name, null, null, null, null, null, null, null))
                        .shards());
    }

    private String status(String name) {
        return Objects.requireNonNull(Objects.requireNonNull(
                        kinesis.describeStreamSummary(CONTEXT, new DescribeStreamSummaryRequest(name, null, null))
                                .streamDescriptionSummary())
                .streamStatus());
    }

    private static void assertError(Runnable call, KinesisError error, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(AwsException.class, e -> {
            assertThat(e.code()).isEqualTo(error);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    @Test
    void aStreamIsUpdatingThenHasTheTargetCountInEvenRanges() {
        create("s", 2);
        UpdateShardCountResponse response = update("s", 4);
        assertThat(response)
                .isEqualTo(new UpdateShardCountResponse("s", 2, 4, "arn:aws:kinesis:us-east-1:000000000000:stream/s"));
        assertThat(status("s")).isEqualTo("UPDATING");
        assertThat(shards("s")).hasSize(2);
        assertError(
                () -> update("s", 3),
                KinesisError.ResourceInUse,
                "Stream s under account 000000000000 not ACTIVE, instead in state UPDATING");

        clock.advance(Duration.ofMillis(500));
        assertThat(status("s")).isEqualTo("ACTIVE");
        List<Shard> open = openShards(shards("s"));
        assertThat(open).extracting(KinesisShardCountTest::range).containsExactlyElementsOf(HashKeys.evenSplit(4));
        // Each old shard split once: two children each, whose parent it is.
        assertThat(open)
                .extracting(Shard::parentShardId)
                .containsExactly(
                        "shardId-000000000000", "shardId-000000000000", "shardId-000000000001", "shardId-000000000001");
        assertThat(ending(shards("s").get(0))).isNotNull();
    }

    @Test
    void everyOldShardIsAnAncestorOfTheNewOnes() {
        int[][] cases = {{5, 3}, {3, 2}, {2, 3}, {4, 4}, {7, 13}, {10, 5}, {1, 2}, {6, 7}, {9, 5}};
        for (int[] counts : cases) {
            String name = "s" + counts[0] + "-" + counts[1];
            create(name, counts[0]);
            checkLineage(name, counts[1]);
        }
    }

    @Test
    void unevenShardsAfterASplitAreMadeEvenWithTheirLineageKept() {
        create("uneven", 3);
        kinesis.splitShard(
                CONTEXT,
                new SplitShardRequest(
                        "uneven",
                        "shardId-000000000001",
                        BigInteger.ONE
                                .shiftLeft(126)
                                .multiply(BigInteger.TWO)
                                .add(BigInteger.TEN)
                                .toString(),
                        null,
                        null));
        clock.advance(Duration.ofSeconds(1));
        checkLineage("uneven", 3);
        checkLineage("uneven", 5);
        checkLineage("uneven", 3);
    }

    @Test
    void scalingToTheSameEvenCountKeepsTheShards() {
        create("same", 4);
        update("same", 4);
        clock.advance(Duration.ofSeconds(1));
        assertThat(shards("same")).hasSize(4).allSatisfy(shard -> assertThat(ending(shard))
                .isNull());
    }

    /** Scales a stream and checks the new open shards, their parents, and that every old open shard is an ancestor. */
    private void checkLineage(String name, int target) {
        Set<String> before = new HashSet<>();
        openShards(shards(name)).forEach(shard -> before.add(shard.shardId()));
        update(name, target);
        clock.advance(Duration.ofSeconds(1));
        List<Shard> all = shards(name);
        Map<String, Shard> byId = new HashMap<>();
        all.forEach(shard -> byId.put(shard.shardId(), shard));
        List<Shard> open = openShards(all);
        assertThat(open).extracting(KinesisShardCountTest::range).containsExactlyElementsOf(HashKeys.evenSplit(target));
        for (Shard shard : all) {
            Shard parent = shard.parentShardId() == null ? null : byId.get(shard.parentShardId());
            Shard adjacent = shard.adjacentParentShardId() == null ? null : byId.get(shard.adjacentParentShardId());
            if (adjacent != null) {
                // A merge: two adjacent closed parents whose keys together are the child's.
                assertThat(range(Objects.requireNonNull(parent)).adjacentTo(range(adjacent)))
                        .isTrue();
                assertThat(range(shard))
                        .isEqualTo(new HashKeys.Range(
                                range(parent).start(), range(adjacent).end()));
            } else if (parent != null) {
                assertThat(range(parent).contains(range(shard).start())
                                && range(parent).contains(range(shard).end()))
                        .isTrue();
            }
        }
        Set<String> ancestors = new HashSet<>();
        List<String> todo = new ArrayList<>();
        open.forEach(shard -> todo.add(shard.shardId()));
        while (!todo.isEmpty()) {
            Shard shard = Objects.requireNonNull(byId.get(todo.removeLast()));
            if (ancestors.add(shard.shardId())) {
                if (shard.parentShardId() != null) {
                    todo.add(shard.parentShardId());
                }
                if (shard.adjacentParentShardId() != null) {
                    todo.add(shard.adjacentParentShardId());
                }
            }
        }
        assertThat(ancestors)
                .as("every old open shard of %s is read before the new ones", name)
                .containsAll(before);
    }

    private static List<Shard> openShards(List<Shard> shards) {
        return shards.stream()
                .filter(shard -> ending(shard) == null)
                .sorted((a, b) -> range(a).start().compareTo(range(b).start()))
                .toList();
    }

    private static HashKeys.Range range(Shard shard) {
        var keys = Objects.requireNonNull(shard.hashKeyRange());
        return new HashKeys.Range(
                new BigInteger(Objects.requireNonNull(keys.startingHashKey())),
                new BigInteger(Objects.requireNonNull(keys.endingHashKey())));
    }

    private static @Nullable String ending(Shard shard) {
        return Objects.requireNonNull(shard.sequenceNumberRange()).endingSequenceNumber();
    }

    @Test
    void theTargetMustBeWithinHalfAndDoubleOfTheOpenShards() {
        create("b", 4);
        assertError(
                () -> update("b", 9),
                KinesisError.LimitExceeded,
                "UpdateShardCount cannot scale up over double your current open shard count. Current open shard"
                        + " count: 4 Target shard count: 9");
        assertError(
                () -> update("b", 1),
                KinesisError.LimitExceeded,
                "UpdateShardCount cannot scale down below half your current open shard count. Current open shard"
                        + " count: 4 Target shard count: 1");
        update("b", 2);
        assertError(
                () -> update("b", 0),
                KinesisError.Validation,
                "1 validation error detected: Value '0' at 'targetShardCount' failed to satisfy constraint: Member must"
                        + " have value greater than or equal to 1");
        assertError(
                () -> kinesis.updateShardCount(CONTEXT, new UpdateShardCountRequest("b", 2, "OTHER", null, null)),
                KinesisError.Validation,
                "1 validation error detected: Value 'OTHER' at 'scalingType' failed to satisfy constraint: Member must"
                        + " satisfy enum value set: [UNIFORM_SCALING]");
        assertError(
                () -> kinesis.updateShardCount(CONTEXT, new UpdateShardCountRequest("b", null, null, null, null)),
                KinesisError.Validation,
                "2 validation errors detected: Value null at 'targetShardCount' failed to satisfy constraint: Member"
                        + " must not be null; Value null at 'scalingType' failed to satisfy constraint: Member must not"
                        + " be null");
    }

    @Test
    void theAccountQuotaAndOnDemandStreamsAreRefused() {
        kinesis = new KinesisEngine(clock, new KinesisConfig(Duration.ofMillis(500), 6, true), store);
        create("q", 4);
        assertError(
                () -> update("q", 8),
                KinesisError.LimitExceeded,
                "This request would exceed the shard limit for the account 000000000000 in us-east-1. Current shard"
                        + " count for the account: 4. Limit: 6. Number of additional shards that would have resulted"
                        + " from this request: 4. Refer to the AWS Service Limits page"
                        + " (http://docs.aws.amazon.com/general/latest/gr/aws_service_limits.html) for current limits"
                        + " and how to request higher limits.");
        kinesis.deleteStream(CONTEXT, new dev.wharf.kinesis.api.DeleteStreamRequest("q", null, null, null));
        clock.advance(Duration.ofSeconds(1));
        kinesis.createStream(
                CONTEXT, new CreateStreamRequest("od", null, new StreamModeDetails("ON_DEMAND"), null, null, null));
        clock.advance(Duration.ofSeconds(1));
        assertError(
                () -> update("od", 5),
                KinesisError.Validation,
                "Request is invalid. Stream od under account 000000000000 is in On-Demand mode.");
    }

    @Test
    void aStreamScalesAtMostTenTimesInARolling24Hours() {
        create("daily", 2);
        for (int i = 0; i < 10; i++) {
            update("daily", i % 2 == 0 ? 3 : 2);
            clock.advance(Duration.ofMinutes(1));
        }
        assertError(
                () -> update("daily", 3),
                KinesisError.LimitExceeded,
                "Exceeded the limit of 10 UpdateShardCount calls in a rolling 24-hour period for stream daily under"
                        + " account 000000000000.");
        clock.advance(Duration.ofHours(24).minusMinutes(9));
        update("daily", 3);
    }

    @Test
    void aScaleInFlightFinishesAfterARestart() {
        create("kept", 3);
        update("kept", 6);
        kinesis = new KinesisEngine(clock, CONFIG, store);
        assertThat(status("kept")).isEqualTo("UPDATING");
        clock.advance(Duration.ofSeconds(1));
        assertThat(openShards(shards("kept"))).hasSize(6);
        KinesisEngine again = new KinesisEngine(clock, CONFIG, store);
        assertThat(openShards(Objects.requireNonNull(again.listShards(
                                CONTEXT, new ListShardsRequest("kept", null, null, null, null, null, null, null))
                        .shards())))
                .extracting(KinesisShardCountTest::range)
                .containsExactlyElementsOf(HashKeys.evenSplit(6));
    }
}
