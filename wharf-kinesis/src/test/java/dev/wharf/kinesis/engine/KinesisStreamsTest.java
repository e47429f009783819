package dev.wharf.kinesis.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.common.AwsException;
import dev.wharf.kinesis.api.CreateStreamRequest;
import dev.wharf.kinesis.api.DeleteStreamRequest;
import dev.wharf.kinesis.api.DescribeStreamRequest;
import dev.wharf.kinesis.api.DescribeStreamSummaryRequest;
import dev.wharf.kinesis.api.KinesisContext;
import dev.wharf.kinesis.api.KinesisError;
import dev.wharf.kinesis.api.ListShardsRequest;
import dev.wharf.kinesis.api.ListShardsResponse;
import dev.wharf.kinesis.api.ListStreamsRequest;
import dev.wharf.kinesis.api.ListStreamsResponse;
import dev.wharf.kinesis.api.Shard;
import dev.wharf.kinesis.api.StreamDescription;
import dev.wharf.kinesis.api.StreamDescriptionSummary;
import dev.wharf.kinesis.api.StreamModeDetails;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** Streams on the engine with a clock the test moves: creation, the asynchronous statuses, listing and deletion. */
class KinesisStreamsTest {

    private static final KinesisContext CONTEXT = new KinesisContext("000000000000", "us-east-1");
    private static final KinesisContext OTHER = new KinesisContext("111111111111", "us-east-1");
    private static final Instant START = Instant.parse("2025-01-01T00:00:00.750Z");

    private final TestClock clock = new TestClock(START);
    private final KinesisEngine kinesis = new KinesisEngine(
            clock,
            new KinesisConfig(Duration.ofMillis(500), 10, true),
            new dev.wharf.storage.MemoryStorageEngine().streams());

    private void create(String name, @Nullable Integer shards) {
        kinesis.createStream(CONTEXT, new CreateStreamRequest(name, shards, null, null, null, null));
    }

    private StreamDescriptionSummary summary(String name) {
        return Objects.requireNonNull(
                kinesis.describeStreamSummary(CONTEXT, new DescribeStreamSummaryRequest(name, null, null))
                        .streamDescriptionSummary());
    }

    private StreamDescription describe(String name, @Nullable Integer limit, @Nullable String after) {
        return Objects.requireNonNull(
                kinesis.describeStream(CONTEXT, new DescribeStreamRequest(name, limit, after, null, null))
                        .streamDescription());
    }

    private static void assertError(Runnable call, KinesisError error, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(AwsException.class, e -> {
            assertThat(e.code()).isEqualTo(error);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    @Test
    void aNewStreamIsCreatingWithoutShardsThenActiveWithEvenRanges() {
        create("orders", 4);
        StreamDescription creating = describe("orders", null, null);
        assertThat(creating.streamStatus()).isEqualTo("CREATING");
        assertThat(creating.shards()).isEmpty();
        assertThat(creating.streamARN()).isEqualTo("arn:aws:kinesis:us-east-1:000000000000:stream/orders");
        assertThat(creating.streamCreationTimestamp()).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
        assertThat(summary("orders").openShardCount()).isZero();

        clock.advance(Duration.ofMillis(500));
        StreamDescription active = describe("orders", null, null);
        assertThat(active.streamStatus()).isEqualTo("ACTIVE");
        List<Shard> shards = Objects.requireNonNull(active.shards());
        assertThat(shards)
                .extracting(Shard::shardId)
                .containsExactly(
                        "shardId-000000000000", "shardId-000000000001", "shardId-000000000002", "shardId-000000000003");
        assertThat(Objects.requireNonNull(shards.get(1).hashKeyRange()).startingHashKey())
                .isEqualTo("85070591730234615865843651857942052864");
        assertThat(Objects.requireNonNull(shards.get(3).hashKeyRange()).endingHashKey())
                .isEqualTo(HashKeys.MAX.toString());
        assertThat(Objects.requireNonNull(shards.get(2).sequenceNumberRange()).startingSequenceNumber())
                .isEqualTo(SequenceNumbers.format(2, 0));
        assertThat(Objects.requireNonNull(shards.get(2).sequenceNumberRange()).endingSequenceNumber())
                .isNull();
        assertThat(active.hasMoreShards()).isFalse();
        assertThat(active.retentionPeriodHours()).isEqualTo(24);
        assertThat(active.encryptionType()).isEqualTo("NONE");

        StreamDescriptionSummary summary = summary("orders");
        assertThat(summary.openShardCount()).isEqualTo(4);
        assertThat(summary.streamModeDetails()).isEqualTo(new StreamModeDetails("PROVISIONED"));
        assertThat(summary.consumerCount()).isZero();
    }

    @Test
    void anOnDemandStreamStartsWithFourShards() {
        kinesis.createStream(
                CONTEXT, new CreateStreamRequest("events", null, new StreamModeDetails("ON_DEMAND"), null, null, null));
        clock.advance(Duration.ofSeconds(1));
        assertThat(summary("events").openShardCount()).isEqualTo(4);
        assertThat(summary("events").streamModeDetails()).isEqualTo(new StreamModeDetails("ON_DEMAND"));
        assertError(
                () -> kinesis.createStream(
                        CONTEXT,
                        new CreateStreamRequest("e2", 2, new StreamModeDetails("ON_DEMAND"), null, null, null)),
                KinesisError.InvalidArgument,
                "ShardCount is not supported for streams in ON_DEMAND mode.");
        assertError(
                () -> create("e3", null),
                KinesisError.InvalidArgument,
                "ShardCount is required for streams in PROVISIONED mode.");
    }

    @Test
    void createRefusesWhatAwsRefuses() {
        create("taken", 1);
        assertError(
                () -> create("taken", 1),
                KinesisError.ResourceInUse,
                "Stream taken under account 000000000000 already exists.");
        assertError(
                () -> create("bad name", 0),
                KinesisError.Validation,
                "2 validation errors detected: Value 'bad name' at 'streamName' failed to satisfy constraint: Member"
                        + " must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; Value '0' at 'shardCount' failed"
                        + " to satisfy constraint: Member must have value greater than or equal to 1");
        assertError(
                () -> create("x".repeat(129), 1),
                KinesisError.Validation,
                "1 validation error detected: Value '" + "x".repeat(129) + "' at 'streamName' failed to satisfy"
                        + " constraint: Member must have length less than or equal to 128");
        assertError(
                () -> kinesis.createStream(CONTEXT, new CreateStreamRequest(null, 1, null, null, null, null)),
                KinesisError.Validation,
                "1 validation error detected: Value null at 'streamName' failed to satisfy constraint: Member must not"
                        + " be null");
        assertError(
                () -> create("too-many", 10),
                KinesisError.LimitExceeded,
                "This request would exceed the shard limit for the account 000000000000 in us-east-1. Current shard"
                        + " count for the account: 1. Limit: 10. Number of additional shards that would have resulted"
                        + " from this request: 10. Refer to the AWS Service Limits page"
                        + " (http://docs.aws.amazon.com/general/latest/gr/aws_service_limits.html) for current limits"
                        + " and how to request higher limits.");
        // The same name in another account is another stream.
        kinesis.createStream(OTHER, new CreateStreamRequest("taken", 1, null, null, null, null));
    }

    @Test
    void aStreamIsFoundByNameOrArnAndOnlyInItsAccount() {
        create("found", 1);
        String arn = "arn:aws:kinesis:us-east-1:000000000000:stream/found";
        assertThat(kinesis.describeStreamSummary(CONTEXT, new DescribeStreamSummaryRequest(null, arn, null))
                        .streamDescriptionSummary())
                .extracting(StreamDescriptionSummary::streamName)
                .isEqualTo("found");
        assertError(
                () -> kinesis.describeStreamSummary(OTHER, new DescribeStreamSummaryRequest("found", null, null)),
                KinesisError.ResourceNotFound,
                "Stream found under account 111111111111 not found.");
        assertError(
                () -> kinesis.describeStreamSummary(OTHER, new DescribeStreamSummaryRequest(null, arn, null)),
                KinesisError.ResourceNotFound,
                "Stream found under account 000000000000 not found.");
        assertError(
                () -> kinesis.describeStreamSummary(CONTEXT, new DescribeStreamSummaryRequest("other", arn, null)),
                KinesisError.InvalidArgument,
                "StreamARN and StreamName do not name the same stream.");
        assertError(
                () -> kinesis.describeStreamSummary(CONTEXT, new DescribeStreamSummaryRequest(null, null, null)),
                KinesisError.InvalidArgument,
                "Either StreamName or StreamARN must be provided.");
        assertError(
                () -> kinesis.describeStreamSummary(
                        CONTEXT, new DescribeStreamSummaryRequest(null, "arn:aws:sqs:x", null)),
                KinesisError.Validation,
                "1 validation error detected: Value 'arn:aws:sqs:x' at 'streamARN' failed to satisfy constraint:"
                        + " Member must satisfy regular expression pattern: arn:aws.*:kinesis:.*:\\d{12}:stream/\\S+");
    }

    @Test
    void aDeletedStreamIsDeletingThenGoneAndItsNameFreeAgain() {
        create("brief", 2);
        clock.advance(Duration.ofSeconds(1));
        kinesis.deleteStream(CONTEXT, new DeleteStreamRequest("brief", null, null, null));
        assertThat(summary("brief").streamStatus()).isEqualTo("DELETING");
        clock.advance(Duration.ofMillis(500));
        assertError(
                () -> summary("brief"),
                KinesisError.ResourceNotFound,
                "Stream brief under account 000000000000 not found.");
        assertError(
                () -> kinesis.deleteStream(CONTEXT, new DeleteStreamRequest("brief", null, null, null)),
                KinesisError.ResourceNotFound,
                "Stream brief under account 000000000000 not found.");
        create("brief", 1);
        assertThat(summary("brief").streamStatus()).isEqualTo("CREATING");
    }

    @Test
    void listStreamsPagesInNameOrder() {
        for (String name : List.of("c", "a", "b", "d")) {
            create(name, 1);
        }
        kinesis.createStream(OTHER, new CreateStreamRequest("zz", 1, null, null, null, null));
        ListStreamsResponse first = kinesis.listStreams(CONTEXT, new ListStreamsRequest(3, null, null));
        assertThat(first.streamNames()).containsExactly("a", "b", "c");
        assertThat(first.hasMoreStreams()).isTrue();
        assertThat(first.streamSummaries()).extracting(s -> s.streamStatus()).containsOnly("CREATING");
        ListStreamsResponse second = kinesis.listStreams(
                CONTEXT, new ListStreamsRequest(3, null, Objects.requireNonNull(first.nextToken())));
        assertThat(second.streamNames()).containsExactly("d");
        assertThat(second.hasMoreStreams()).isFalse();
        assertThat(second.nextToken()).isNull();
        assertThat(kinesis.listStreams(CONTEXT, new ListStreamsRequest(null, "b", null))
                        .streamNames())
                .containsExactly("c", "d");
        assertError(
                () -> kinesis.listStreams(CONTEXT, new ListStreamsRequest(0, null, null)),
                KinesisError.Validation,
                "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value"
                        + " greater than or equal to 1");
    }

    @Test
    void shardsArePagedByListShardsAndDescribeStream() {
        create("wide", 5);
        clock.advance(Duration.ofSeconds(1));
        ListShardsResponse first =
                kinesis.listShards(CONTEXT, new ListShardsRequest("wide", null, null, 2, null, null, null, null));
        assertThat(first.shards())
                .extracting(Shard::shardId)
                .containsExactly("shardId-000000000000", "shardId-000000000001");
        ListShardsResponse rest = kinesis.listShards(
                CONTEXT,
                new ListShardsRequest(
                        null, Objects.requireNonNull(first.nextToken()), null, 10, null, null, null, null));
        assertThat(rest.shards())
                .extracting(Shard::shardId)
                .containsExactly("shardId-000000000002", "shardId-000000000003", "shardId-000000000004");
        assertThat(rest.nextToken()).isNull();
        assertThat(kinesis.listShards(
                                CONTEXT,
                                new ListShardsRequest(
                                        "wide", null, "shardId-000000000003", null, null, null, null, null))
                        .shards())
                .extracting(Shard::shardId)
                .containsExactly("shardId-000000000004");
        assertError(
                () -> kinesis.listShards(
                        CONTEXT,
                        new ListShardsRequest(
                                "wide", Objects.requireNonNull(first.nextToken()), null, null, null, null, null, null)),
                KinesisError.InvalidArgument,
                "NextToken and StreamName, StreamARN or ExclusiveStartShardId cannot be provided together.");

        StreamDescription page = describe("wide", 2, "shardId-000000000001");
        assertThat(page.shards())
                .extracting(Shard::shardId)
                .containsExactly("shardId-000000000002", "shardId-000000000003");
        assertThat(page.hasMoreShards()).isTrue();
    }

    @Test
    void tagsAtCreationAreBounded() {
        Map<String, String> tags = new java.util.HashMap<>();
        for (int i = 0; i < 51; i++) {
            tags.put("k" + i, "v");
        }
        assertError(
                () -> kinesis.createStream(CONTEXT, new CreateStreamRequest("tagged", 1, null, tags, null, null)),
                KinesisError.InvalidArgument,
                "Failed to create stream tagged. A stream can have at most 50 tags.");
    }
}
