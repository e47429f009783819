package dev.wharf.kinesis.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.common.AwsException;
import dev.wharf.kinesis.api.CreateStreamRequest;
import dev.wharf.kinesis.api.KinesisContext;
import dev.wharf.kinesis.api.KinesisError;
import dev.wharf.kinesis.api.ListShardsRequest;
import dev.wharf.kinesis.api.ListShardsResponse;
import dev.wharf.kinesis.api.Shard;
import dev.wharf.kinesis.api.ShardFilter;
import dev.wharf.kinesis.api.SplitShardRequest;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ListShards' ShardFilter on the engine, over a stream of two shards whose first was split an hour after its creation:
 * shards 0 and 1 from the start, 0 closed at the split, 2 and 3 from it.
 */
class KinesisListShardsTest {

    private static final KinesisContext CONTEXT = new KinesisContext("000000000000", "us-east-1");
    private static final Instant CREATED = Instant.parse("2025-01-01T00:00:00.250Z");

    private final TestClock clock = new TestClock(CREATED);
    private final KinesisEngine kinesis = new KinesisEngine(
            clock,
            new KinesisConfig(Duration.ofMillis(500), 50, true),
            new dev.wharf.storage.MemoryStorageEngine().streams());
    /** When the split's children opened and its parent closed. */
    private Instant split;

    @BeforeEach
    void streamWithASplit() {
        kinesis.createStream(CONTEXT, new CreateStreamRequest("s", 2, null, null, null, null));
        clock.advance(Duration.ofHours(1));
        kinesis.splitShard(
                CONTEXT,
                new SplitShardRequest(
                        "s",
                        "shardId-000000000000",
                        BigInteger.ONE.shiftLeft(100).toString(),
                        null,
                        null));
        split = clock.instant().plusMillis(500);
        clock.advance(Duration.ofSeconds(1));
    }

    private ListShardsResponse list(@Nullable ShardFilter filter, @Nullable Integer max) {
        return kinesis.listShards(CONTEXT, new ListShardsRequest("s", null, null, max, null, filter, null, null));
    }

    private List<String> ids(@Nullable ShardFilter filter) {
        return Objects.requireNonNull(list(filter, null).shards()).stream()
                .map(Shard::shardId)
                .toList();
    }

    private static List<String> shards(int... indexes) {
        return java.util.Arrays.stream(indexes).mapToObj(ShardIds::of).toList();
    }

    private static void assertError(Runnable call, KinesisError error, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(AwsException.class, e -> {
            assertThat(e.code()).isEqualTo(error);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    @Test
    void eachFilterListsTheShardsAwsDocuments() {
        assertThat(ids(null)).isEqualTo(shards(0, 1, 2, 3));
        assertThat(ids(new ShardFilter("FROM_TRIM_HORIZON", null, null))).isEqualTo(shards(0, 1, 2, 3));
        assertThat(ids(new ShardFilter("AT_TRIM_HORIZON", null, null))).isEqualTo(shards(0, 1));
        assertThat(ids(new ShardFilter("AT_LATEST", null, null))).isEqualTo(shards(1, 2, 3));
        assertThat(ids(new ShardFilter("AFTER_SHARD_ID", "shardId-000000000001", null)))
                .isEqualTo(shards(2, 3));
        // Open at a time between creation and the split, at the split (the parent closed then, the children opened),
        // and after it; a time before the stream's creation is the creation, as a time before the trim horizon would be
        // the trim horizon.
        assertThat(ids(new ShardFilter("AT_TIMESTAMP", null, CREATED.plusSeconds(60))))
                .isEqualTo(shards(0, 1));
        assertThat(ids(new ShardFilter("AT_TIMESTAMP", null, split))).isEqualTo(shards(0, 1, 2, 3));
        assertThat(ids(new ShardFilter("AT_TIMESTAMP", null, split.plusMillis(1))))
                .isEqualTo(shards(1, 2, 3));
        assertThat(ids(new ShardFilter("AT_TIMESTAMP", null, Instant.parse("2024-01-01T00:00:00Z"))))
                .isEqualTo(shards(0, 1));
        assertThat(ids(new ShardFilter("FROM_TIMESTAMP", null, split))).isEqualTo(shards(0, 1, 2, 3));
        assertThat(ids(new ShardFilter("FROM_TIMESTAMP", null, split.plusMillis(1))))
                .isEqualTo(shards(1, 2, 3));
    }

    @Test
    void aShardClosedBeforeTheTrimHorizonIsNoLongerListed() {
        clock.advance(Duration.ofHours(24));
        assertThat(ids(null)).isEqualTo(shards(1, 2, 3));
        assertThat(ids(new ShardFilter("AT_TRIM_HORIZON", null, null))).isEqualTo(shards(1, 2, 3));
        assertThat(ids(new ShardFilter("FROM_TIMESTAMP", null, CREATED))).isEqualTo(shards(1, 2, 3));
    }

    @Test
    void aFilteredListingPagesWithItsFilterInTheToken() {
        ListShardsResponse first = list(new ShardFilter("AT_LATEST", null, null), 2);
        assertThat(first.shards()).extracting(Shard::shardId).isEqualTo(shards(1, 2));
        ListShardsResponse rest = kinesis.listShards(
                CONTEXT,
                new ListShardsRequest(
                        null, Objects.requireNonNull(first.nextToken()), null, 2, null, null, null, null));
        assertThat(rest.shards()).extracting(Shard::shardId).isEqualTo(shards(3));
        assertThat(rest.nextToken()).isNull();
        ListShardsResponse timed = list(new ShardFilter("AT_TIMESTAMP", null, split.plusMillis(1)), 1);
        ListShardsResponse timedRest = kinesis.listShards(
                CONTEXT,
                new ListShardsRequest(
                        null, Objects.requireNonNull(timed.nextToken()), null, 5, null, null, null, null));
        assertThat(timedRest.shards()).extracting(Shard::shardId).isEqualTo(shards(2, 3));
    }

    @Test
    void aFilterIsCheckedAsAwsDocumentsIt() {
        assertError(
                () -> list(new ShardFilter("AFTER_SHARD_ID", null, null), null),
                KinesisError.InvalidArgument,
                "ShardId must be provided for a ShardFilter of type AFTER_SHARD_ID.");
        assertError(
                () -> list(new ShardFilter("AT_LATEST", "shardId-000000000001", null), null),
                KinesisError.InvalidArgument,
                "ShardId can only be provided for a ShardFilter of type AFTER_SHARD_ID.");
        assertError(
                () -> list(new ShardFilter("FROM_TIMESTAMP", null, null), null),
                KinesisError.InvalidArgument,
                "Timestamp must be provided for a ShardFilter of type FROM_TIMESTAMP.");
        assertError(
                () -> list(new ShardFilter("AT_TRIM_HORIZON", null, CREATED), null),
                KinesisError.InvalidArgument,
                "Timestamp can only be provided for a ShardFilter of type AT_TIMESTAMP or FROM_TIMESTAMP.");
        assertError(
                () -> list(new ShardFilter("SOMETIME", null, null), null),
                KinesisError.Validation,
                "1 validation error detected: Value 'SOMETIME' at 'shardFilter.type' failed to satisfy constraint:"
                        + " Member must satisfy enum value set: [AFTER_SHARD_ID, AT_TRIM_HORIZON, FROM_TRIM_HORIZON,"
                        + " AT_LATEST, AT_TIMESTAMP, FROM_TIMESTAMP]");
        assertError(
                () -> list(new ShardFilter(null, null, null), null),
                KinesisError.Validation,
                "1 validation error detected: Value null at 'shardFilter.type' failed to satisfy constraint: Member"
                        + " must not be null");
        String token = Objects.requireNonNull(list(null, 1).nextToken());
        assertError(
                () -> kinesis.listShards(
                        CONTEXT,
                        new ListShardsRequest(
                                null, token, null, null, null, new ShardFilter("AT_LATEST", null, null), null, null)),
                KinesisError.InvalidArgument,
                "NextToken and ShardFilter cannot be provided together.");
        assertError(
                () -> kinesis.listShards(
                        CONTEXT, new ListShardsRequest(null, token, null, null, CREATED, null, null, null)),
                KinesisError.InvalidArgument,
                "NextToken and StreamCreationTimestamp cannot be provided together.");
        assertError(
                () -> kinesis.listShards(
                        CONTEXT, new ListShardsRequest(null, "not-a-token!", null, null, null, null, null, null)),
                KinesisError.InvalidArgument,
                "Invalid ShardIterator or NextToken.");
    }

    @Test
    void aStreamCreationTimestampMustBeTheStreamsToTheSecond() {
        assertThat(kinesis.listShards(
                                CONTEXT,
                                new ListShardsRequest(
                                        "s", null, null, null, Instant.parse("2025-01-01T00:00:00Z"), null, null, null))
                        .shards())
                .hasSize(4);
        assertError(
                () -> kinesis.listShards(
                        CONTEXT,
                        new ListShardsRequest(
                                "s", null, null, null, Instant.parse("2025-01-01T00:00:01Z"), null, null, null)),
                KinesisError.ResourceNotFound,
                "Stream s under account 000000000000 not found.");
    }
}
