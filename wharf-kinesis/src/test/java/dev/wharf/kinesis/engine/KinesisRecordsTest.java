package dev.wharf.kinesis.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.common.AwsException;
import dev.wharf.kinesis.api.ChildShard;
import dev.wharf.kinesis.api.CreateStreamRequest;
import dev.wharf.kinesis.api.DescribeStreamRequest;
import dev.wharf.kinesis.api.GetRecordsRequest;
import dev.wharf.kinesis.api.GetRecordsResponse;
import dev.wharf.kinesis.api.GetShardIteratorRequest;
import dev.wharf.kinesis.api.KinesisContext;
import dev.wharf.kinesis.api.KinesisError;
import dev.wharf.kinesis.api.PutRecordRequest;
import dev.wharf.kinesis.api.PutRecordResponse;
import dev.wharf.kinesis.api.PutRecordsRequest;
import dev.wharf.kinesis.api.PutRecordsRequestEntry;
import dev.wharf.kinesis.api.PutRecordsResponse;
import dev.wharf.kinesis.api.PutRecordsResultEntry;
import dev.wharf.kinesis.api.Shard;
import dev.wharf.kinesis.api.SplitShardRequest;
import dev.wharf.kinesis.api.StreamRecord;
import dev.wharf.storage.MemoryStorageEngine;
import dev.wharf.storage.StreamStore;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** Data records on the engine with a clock the test moves: puts, every iterator type, retention, limits, resharding. */
class KinesisRecordsTest {

    private static final KinesisContext CONTEXT = new KinesisContext("000000000000", "us-east-1");
    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
    private static final KinesisConfig LIMITS_ON = new KinesisConfig(Duration.ofMillis(500), 50, true);

    private final TestClock clock = new TestClock(START);
    private final StreamStore store = new MemoryStorageEngine().streams();
    private KinesisEngine kinesis = new KinesisEngine(clock, LIMITS_ON, store);

    private void create(String name, int shards) {
        kinesis.createStream(CONTEXT, new CreateStreamRequest(name, shards, null, null, null, null));
        clock.advance(Duration.ofMillis(500));
    }

    private PutRecordResponse put(String stream, String key, String data) {
        return kinesis.putRecord(CONTEXT, new PutRecordRequest(stream, utf8(data), key, null, null, null, null));
    }

    private String iterator(String stream, String shard, String type, @Nullable String sequence) {
        return Objects.requireNonNull(kinesis.getShardIterator(
                        CONTEXT, new GetShardIteratorRequest(stream, shard, type, sequence, null, null, null))
                .shardIterator());
    }

    private GetRecordsResponse get(String iterator, @Nullable Integer limit) {
        return kinesis.getRecords(CONTEXT, new GetRecordsRequest(iterator, limit, null, null));
    }

    private static List<String> data(GetRecordsResponse response) {
        return Objects.requireNonNull(response.records()).stream()
                .map(r -> new String(Objects.requireNonNull(r.data()), StandardCharsets.UTF_8))
                .toList();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void assertError(Runnable call, KinesisError error, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(AwsException.class, e -> {
            assertThat(e.code()).isEqualTo(error);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    @Test
    void recordsAreRoutedByTheirPartitionKeysMd5AndReadBackInOrder() {
        create("orders", 4);
        List<String> shards = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            PutRecordResponse put = put("orders", "key-" + i, "record-" + i);
            BigInteger hash = HashKeys.ofPartitionKey("key-" + i);
            int expected = hash.shiftRight(126).intValueExact();
            assertThat(put.shardId()).isEqualTo(ShardIds.of(expected));
            assertThat(put.encryptionType()).isEqualTo("NONE");
            shards.add(put.shardId());
        }
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            if (Objects.equals(shards.get(i), ShardIds.of(0))) {
                expected.add("record-" + i);
            }
        }
        GetRecordsResponse page = get(iterator("orders", ShardIds.of(0), "TRIM_HORIZON", null), null);
        assertThat(data(page)).isEqualTo(expected);
        List<StreamRecord> records = Objects.requireNonNull(page.records());
        for (int i = 1; i < records.size(); i++) {
            assertThat(new BigInteger(Objects.requireNonNull(records.get(i).sequenceNumber())))
                    .isGreaterThan(new BigInteger(
                            Objects.requireNonNull(records.get(i - 1).sequenceNumber())));
        }
        assertThat(records.getFirst().approximateArrivalTimestamp()).isEqualTo(START.plusMillis(500));
        assertThat(records.getFirst().partitionKey()).startsWith("key-");
        assertThat(records.getFirst().encryptionType()).isNull();
        assertThat(page.millisBehindLatest()).isZero();
        assertThat(page.nextShardIterator()).isNotNull();
        assertThat(page.childShards()).isNull();
    }

    @Test
    void everyIteratorTypeStartsWhereAwsSaysItDoes() {
        kinesis = new KinesisEngine(clock, LIMITS_ON.withThroughputLimits(false), store);
        create("events", 1);
        String shard = ShardIds.of(0);
        PutRecordResponse first = put("events", "k", "a");
        clock.advance(Duration.ofSeconds(1));
        Instant second = clock.instant();
        put("events", "k", "b");
        String latest = iterator("events", shard, "LATEST", null);
        clock.advance(Duration.ofSeconds(1));
        put("events", "k", "c");

        assertThat(data(get(iterator("events", shard, "TRIM_HORIZON", null), null)))
                .containsExactly("a", "b", "c");
        assertThat(data(get(latest, null))).containsExactly("c");
        assertThat(data(get(iterator("events", shard, "AT_SEQUENCE_NUMBER", first.sequenceNumber()), null)))
                .containsExactly("a", "b", "c");
        assertThat(data(get(iterator("events", shard, "AFTER_SEQUENCE_NUMBER", first.sequenceNumber()), null)))
                .containsExactly("b", "c");
        String atTime = Objects.requireNonNull(kinesis.getShardIterator(
                        CONTEXT, new GetShardIteratorRequest("events", shard, "AT_TIMESTAMP", null, second, null, null))
                .shardIterator());
        assertThat(data(get(atTime, null))).containsExactly("b", "c");
        String beforeAll = Objects.requireNonNull(kinesis.getShardIterator(
                        CONTEXT, new GetShardIteratorRequest("events", shard, "AT_TIMESTAMP", null, START, null, null))
                .shardIterator());
        assertThat(data(get(beforeAll, null))).containsExactly("a", "b", "c");
    }

    @Test
    void nextIteratorsPageThroughAndMillisBehindLatestCountsWhatIsLeft() {
        create("pages", 1);
        put("pages", "k", "a");
        clock.advance(Duration.ofSeconds(3));
        put("pages", "k", "b");
        put("pages", "k", "c");
        clock.advance(Duration.ofSeconds(2));
        GetRecordsResponse one = get(iterator("pages", ShardIds.of(0), "TRIM_HORIZON", null), 1);
        assertThat(data(one)).containsExactly("a");
        assertThat(one.millisBehindLatest()).isEqualTo(5_000);
        GetRecordsResponse two = get(Objects.requireNonNull(one.nextShardIterator()), 2);
        assertThat(data(two)).containsExactly("b", "c");
        assertThat(two.millisBehindLatest()).isZero();
        GetRecordsResponse empty = get(Objects.requireNonNull(two.nextShardIterator()), null);
        assertThat(data(empty)).isEmpty();
        put("pages", "k", "d");
        assertThat(data(get(Objects.requireNonNull(empty.nextShardIterator()), null)))
                .containsExactly("d");
    }

    @Test
    void explicitHashKeysChooseTheShardAndAreChecked() {
        create("explicit", 2);
        String upper = HashKeys.MAX.toString();
        PutRecordResponse put =
                kinesis.putRecord(CONTEXT, new PutRecordRequest("explicit", utf8("x"), "a", upper, null, null, null));
        assertThat(put.shardId()).isEqualTo(ShardIds.of(1));
        PutRecordResponse low =
                kinesis.putRecord(CONTEXT, new PutRecordRequest("explicit", utf8("x"), "a", "0", null, null, null));
        assertThat(low.shardId()).isEqualTo(ShardIds.of(0));
        String over = HashKeys.MAX.add(BigInteger.ONE).toString();
        assertError(
                () -> kinesis.putRecord(
                        CONTEXT, new PutRecordRequest("explicit", utf8("x"), "a", over, null, null, null)),
                KinesisError.InvalidArgument,
                "Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified value was "
                        + over);
    }

    @Test
    void malformedPutsAreValidationErrorsInAwsWords() {
        create("bad", 1);
        assertError(
                () -> kinesis.putRecord(
                        CONTEXT, new PutRecordRequest("bad", null, "x".repeat(257), null, null, null, null)),
                KinesisError.Validation,
                "2 validation errors detected: Value null at 'data' failed to satisfy constraint: Member must not be"
                        + " null; Value '" + "x".repeat(256)
                        + "…(1 more chars)' at 'partitionKey' failed to satisfy constraint:"
                        + " Member must have length less than or equal to 256");
        List<PutRecordsRequestEntry> tooMany = IntStream.range(0, 501)
                .mapToObj(i -> new PutRecordsRequestEntry(utf8("x"), null, "k"))
                .toList();
        assertError(
                () -> kinesis.putRecords(CONTEXT, new PutRecordsRequest(tooMany, "bad", null, null)),
                KinesisError.Validation,
                "1 validation error detected: Value '501 records' at 'records' failed to satisfy constraint: Member"
                        + " must have length less than or equal to 500");
        assertError(
                () -> kinesis.putRecords(
                        CONTEXT,
                        new PutRecordsRequest(
                                List.of(new PutRecordsRequestEntry(utf8("x"), null, "")), "bad", null, null)),
                KinesisError.Validation,
                "1 validation error detected: Value '' at 'records.1.member.partitionKey' failed to satisfy"
                        + " constraint: Member must have length greater than or equal to 1");
        byte[] big = new byte[1_048_576];
        assertError(
                () -> kinesis.putRecord(CONTEXT, new PutRecordRequest("bad", big, "k", null, null, null, null)),
                KinesisError.InvalidArgument,
                "Record size 1048577 bytes exceeds the maximum record size of 1024 KiB for stream bad under account"
                        + " 000000000000.");
    }

    @Test
    void aStreamThatIsStillCreatingTakesNoRecords() {
        kinesis.createStream(CONTEXT, new CreateStreamRequest("young", 1, null, null, null, null));
        assertError(
                () -> put("young", "k", "x"),
                KinesisError.ResourceNotFound,
                "Stream young under account 000000000000 not found.");
    }

    @Test
    void iteratorsAreCheckedAndExpireAfterFiveMinutes() {
        create("iter", 2);
        String shard = ShardIds.of(0);
        assertError(
                () -> iterator("iter", shard, "TRIM_HORIZON", "1"),
                KinesisError.InvalidArgument,
                "Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and StartingSequenceNumber or (2)"
                        + " TRIM_HORIZON or LATEST and no StartingSequenceNumber. Request specified TRIM_HORIZON and"
                        + " also a StartingSequenceNumber.");
        assertError(
                () -> iterator("iter", shard, "AT_SEQUENCE_NUMBER", null),
                KinesisError.InvalidArgument,
                "Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and StartingSequenceNumber or (2)"
                        + " TRIM_HORIZON or LATEST and no StartingSequenceNumber. Request specified AT_SEQUENCE_NUMBER"
                        + " and no StartingSequenceNumber.");
        String other = SequenceNumbers.format(1, 0);
        assertError(
                () -> iterator("iter", shard, "AT_SEQUENCE_NUMBER", other),
                KinesisError.InvalidArgument,
                "Invalid StartingSequenceNumber. It encodes shardId-000000000001, while it was used in a call to a"
                        + " shard with shardId-000000000000");
        assertError(
                () -> iterator("iter", "shardId-000000000007", "LATEST", null),
                KinesisError.ResourceNotFound,
                "Shard shardId-000000000007 in stream iter under account 000000000000 does not exist");
        assertError(
                () -> iterator("iter", "shard-7", "LATEST", null),
                KinesisError.ResourceNotFound,
                "Could not find shard shard-7 in stream iter under account 000000000000.");
        assertError(
                () -> iterator("iter", shard, "SOMEWHERE", null),
                KinesisError.Validation,
                "1 validation error detected: Value 'SOMEWHERE' at 'shardIteratorType' failed to satisfy constraint:"
                        + " Member must satisfy enum value set: [AT_SEQUENCE_NUMBER, AFTER_SEQUENCE_NUMBER,"
                        + " TRIM_HORIZON, LATEST, AT_TIMESTAMP]");
        assertError(() -> get("bm90IGFuIGl0ZXJhdG9y", null), KinesisError.InvalidArgument, "Invalid ShardIterator.");

        String iterator = iterator("iter", shard, "TRIM_HORIZON", null);
        clock.advance(Duration.ofMillis(300_000));
        assertThat(data(get(iterator, null))).isEmpty();
        clock.advance(Duration.ofMillis(1));
        assertError(
                () -> get(iterator, null),
                KinesisError.ExpiredIterator,
                "Iterator expired. The iterator was created at time Wed Jan 01 00:00:00 UTC 2025 while right now it is"
                        + " Wed Jan 01 00:05:00 UTC 2025 which is further in the future than the tolerated delay of"
                        + " 300000 milliseconds.");
    }

    @Test
    void recordsPastRetentionAreNeverReturnedAndAreTrimmed() {
        create("old", 1);
        PutRecordResponse expired = put("old", "k", "expired");
        clock.advance(Duration.ofHours(23));
        put("old", "k", "kept");
        clock.advance(Duration.ofHours(1).plusMillis(1));
        String iterator = iterator("old", ShardIds.of(0), "TRIM_HORIZON", null);
        assertThat(data(get(iterator, null))).containsExactly("kept");
        String atExpired = iterator("old", ShardIds.of(0), "AT_SEQUENCE_NUMBER", expired.sequenceNumber());
        assertThat(data(get(atExpired, null))).containsExactly("kept");

        kinesis.trimExpired();
        int[] left = {0};
        store.read(1, 0, dev.wharf.storage.SequenceNumber.MIN, 10, 1 << 20, (s, t, v) -> left[0]++);
        assertThat(left[0]).isEqualTo(1);
    }

    @Test
    void sequenceNumbersAreNotHandedOutAgainAfterRetentionTrimsAShardEmptyAndTheEngineRestarts() {
        create("empty", 1);
        PutRecordResponse before = put("empty", "k", "a");
        clock.advance(Duration.ofHours(25));
        kinesis.trimExpired();
        kinesis = new KinesisEngine(clock, LIMITS_ON, store);
        PutRecordResponse after = put("empty", "k", "b");
        assertThat(new BigInteger(Objects.requireNonNull(after.sequenceNumber())))
                .isGreaterThan(new BigInteger(Objects.requireNonNull(before.sequenceNumber())));
    }

    @Test
    void recordsSurviveARestartAndNumberingGoesOn() {
        create("kept", 1);
        put("kept", "k", "a");
        PutRecordResponse second = put("kept", "k", "b");
        kinesis = new KinesisEngine(clock, LIMITS_ON, store);
        PutRecordResponse third = put("kept", "k", "c");
        assertThat(new BigInteger(Objects.requireNonNull(third.sequenceNumber())))
                .isEqualTo(new BigInteger(Objects.requireNonNull(second.sequenceNumber())).add(BigInteger.ONE));
        assertThat(data(get(iterator("kept", ShardIds.of(0), "TRIM_HORIZON", null), null)))
                .containsExactly("a", "b", "c");
    }

    private PutRecordsResponse putMany(String stream, int count, int size) {
        List<PutRecordsRequestEntry> entries = IntStream.range(0, count)
                .mapToObj(i -> new PutRecordsRequestEntry(new byte[size], null, "same-key"))
                .toList();
        return kinesis.putRecords(CONTEXT, new PutRecordsRequest(entries, stream, null, null));
    }

    @Test
    void eachShardTakesAThousandRecordsASecondAndRefusesTheRestPerRecord() {
        create("busy", 1);
        assertThat(putMany("busy", 500, 10).failedRecordCount()).isZero();
        assertThat(putMany("busy", 500, 10).failedRecordCount()).isZero();
        PutRecordsResponse over = putMany("busy", 10, 10);
        assertThat(over.failedRecordCount()).isEqualTo(10);
        PutRecordsResultEntry refused = Objects.requireNonNull(over.records()).getFirst();
        assertThat(refused.errorCode()).isEqualTo("ProvisionedThroughputExceededException");
        assertThat(refused.errorMessage())
                .isEqualTo("Rate exceeded for shard shardId-000000000000 in stream busy under account 000000000000.");
        assertThat(refused.sequenceNumber()).isNull();
        assertError(
                () -> put("busy", "k", "x"),
                KinesisError.ProvisionedThroughputExceeded,
                "Rate exceeded for shard shardId-000000000000 in stream busy under account 000000000000.");
        clock.advance(Duration.ofMillis(100));
        assertThat(putMany("busy", 150, 10).failedRecordCount()).isEqualTo(50);
    }

    @Test
    void eachShardTakesOneMebibyteASecond() {
        create("heavy", 1);
        assertThat(putMany("heavy", 4, 256 * 1024 - 8).failedRecordCount()).isZero();
        PutRecordsResponse over = putMany("heavy", 1, 1024);
        assertThat(over.failedRecordCount()).isEqualTo(1);
        clock.advance(Duration.ofMillis(1));
        assertThat(putMany("heavy", 1, 1024).failedRecordCount()).isZero();
    }

    @Test
    void eachShardTakesFiveReadsASecondAndAHeavyReadRefusesTheNextOnes() {
        create("reads", 1);
        String iterator = iterator("reads", ShardIds.of(0), "TRIM_HORIZON", null);
        for (int i = 0; i < 5; i++) {
            get(iterator, null);
        }
        assertError(
                () -> get(iterator, null),
                KinesisError.ProvisionedThroughputExceeded,
                "Rate exceeded for shard shardId-000000000000 in stream reads under account 000000000000.");
        clock.advance(Duration.ofMillis(200));
        get(iterator, null);

        clock.advance(Duration.ofSeconds(5));
        for (int i = 0; i < 4; i++) {
            putMany("reads", 4, 256 * 1024 - 8);
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(Objects.requireNonNull(get(iterator("reads", ShardIds.of(0), "TRIM_HORIZON", null), null)
                        .records()))
                .hasSize(16);
        clock.advance(Duration.ofSeconds(1));
        assertError(
                () -> get(iterator, null),
                KinesisError.ProvisionedThroughputExceeded,
                "Rate exceeded for shard shardId-000000000000 in stream reads under account 000000000000.");
        clock.advance(Duration.ofSeconds(1));
        get(iterator, null);
    }

    @Test
    void withLimitsOffAShardTakesWhateverComes() {
        kinesis = new KinesisEngine(clock, LIMITS_ON.withThroughputLimits(false), new MemoryStorageEngine().streams());
        create("free", 1);
        for (int i = 0; i < 5; i++) {
            assertThat(putMany("free", 500, 10).failedRecordCount()).isZero();
        }
        String iterator = iterator("free", ShardIds.of(0), "TRIM_HORIZON", null);
        for (int i = 0; i < 10; i++) {
            get(iterator, null);
        }
    }

    @Test
    void aSplitShardEndsWithItsChildrenAndNoNextIterator() {
        create("split", 1);
        put("split", "k", "before");
        String parent = iterator("split", ShardIds.of(0), "TRIM_HORIZON", null);
        String middle = BigInteger.ONE.shiftLeft(127).toString();
        kinesis.splitShard(CONTEXT, new SplitShardRequest("split", ShardIds.of(0), middle, null, null));
        put("split", "k", "during");
        clock.advance(Duration.ofMillis(500));
        put("split", "k", "after");

        GetRecordsResponse end = get(parent, null);
        assertThat(data(end)).containsExactly("before", "during");
        assertThat(end.nextShardIterator()).isNull();
        assertThat(end.millisBehindLatest()).isZero();
        List<ChildShard> children = Objects.requireNonNull(end.childShards());
        assertThat(children).extracting(ChildShard::shardId).containsExactly(ShardIds.of(1), ShardIds.of(2));
        assertThat(children.getFirst().parentShards()).containsExactly(ShardIds.of(0));
        List<Shard> shards = Objects.requireNonNull(Objects.requireNonNull(
                        kinesis.describeStream(CONTEXT, new DescribeStreamRequest("split", null, null, null, null))
                                .streamDescription())
                .shards());
        String child =
                HashKeys.ofPartitionKey("k").compareTo(new BigInteger(middle)) < 0 ? ShardIds.of(1) : ShardIds.of(2);
        assertThat(shards).hasSize(3);
        assertThat(data(get(iterator("split", child, "TRIM_HORIZON", null), null)))
                .containsExactly("after");
    }

    @Test
    void aClosedShardThatNeverHeldARecordEndsAtOnceFromTrimHorizon() {
        create("empty", 1);
        String middle = BigInteger.ONE.shiftLeft(127).toString();
        kinesis.splitShard(CONTEXT, new SplitShardRequest("empty", ShardIds.of(0), middle, null, null));
        clock.advance(Duration.ofMillis(500));

        GetRecordsResponse end = get(iterator("empty", ShardIds.of(0), "TRIM_HORIZON", null), null);
        assertThat(end.records()).isEmpty();
        assertThat(end.nextShardIterator()).isNull();
        assertThat(Objects.requireNonNull(end.childShards()))
                .extracting(ChildShard::shardId)
                .containsExactly(ShardIds.of(1), ShardIds.of(2));
    }
}
