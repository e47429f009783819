package dev.wharf.kinesis.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.common.AwsException;
import dev.wharf.kinesis.api.ChildShard;
import dev.wharf.kinesis.api.CreateStreamRequest;
import dev.wharf.kinesis.api.KinesisContext;
import dev.wharf.kinesis.api.KinesisError;
import dev.wharf.kinesis.api.PutRecordRequest;
import dev.wharf.kinesis.api.PutRecordResponse;
import dev.wharf.kinesis.api.RegisterStreamConsumerRequest;
import dev.wharf.kinesis.api.SplitShardRequest;
import dev.wharf.kinesis.api.StartingPosition;
import dev.wharf.kinesis.api.StreamRecord;
import dev.wharf.kinesis.api.SubscribeToShardEvent;
import dev.wharf.kinesis.api.SubscribeToShardRequest;
import dev.wharf.storage.MemoryStorageEngine;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * SubscribeToShard on the engine with a clock the test moves: where a subscription starts, what each event carries,
 * the five-second heartbeat, the take-over rule, the end of a closed shard, the fan-out budget and the errors.
 */
class KinesisSubscriptionsTest {

    private static final KinesisContext CONTEXT = new KinesisContext("000000000000", "us-east-1");
    private static final String STREAM = "arn:aws:kinesis:us-east-1:000000000000:stream/fan";
    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

    private final TestClock clock = new TestClock(START);
    private final KinesisEngine kinesis = new KinesisEngine(
            clock, new KinesisConfig(Duration.ofMillis(500), 50, true), new MemoryStorageEngine().streams());

    private String consumer(int shards) {
        kinesis.createStream(CONTEXT, new CreateStreamRequest("fan", shards, null, null, null, null));
        clock.advance(Duration.ofMillis(500));
        String arn = Objects.requireNonNull(Objects.requireNonNull(kinesis.registerStreamConsumer(
                                CONTEXT, new RegisterStreamConsumerRequest(STREAM, "app", null, null))
                        .consumer())
                .consumerARN());
        clock.advance(Duration.ofMillis(500));
        return arn;
    }

    private ShardSubscriptions.Subscription subscribe(String consumer, String shard, String type, @Nullable String at) {
        return (ShardSubscriptions.Subscription) kinesis.subscribeToShard(
                CONTEXT, new SubscribeToShardRequest(consumer, shard, new StartingPosition(type, at, null)));
    }

    private PutRecordResponse put(String data) {
        return kinesis.putRecord(
                CONTEXT,
                new PutRecordRequest("fan", data.getBytes(StandardCharsets.UTF_8), "k", null, null, null, null));
    }

    private static List<String> data(SubscribeToShardEvent event) {
        return Objects.requireNonNull(event.records()).stream()
                .map(StreamRecord::data)
                .map(d -> new String(Objects.requireNonNull(d), StandardCharsets.UTF_8))
                .toList();
    }

    private ShardSubscriptions.Subscription.Step poll(ShardSubscriptions.Subscription subscription) {
        return Objects.requireNonNull(subscription.poll(clock.millis()));
    }

    private static void assertError(Runnable call, KinesisError error, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(AwsException.class, e -> {
            assertThat(e.code()).isEqualTo(error);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    @Test
    void aSubscriptionSendsAnEventAtOnceThenRecordsAsTheyComeAndAHeartbeatEveryFiveSeconds() {
        String consumer = consumer(1);
        PutRecordResponse first = put("a");
        ShardSubscriptions.Subscription subscription = subscribe(consumer, ShardIds.of(0), "TRIM_HORIZON", null);
        SubscribeToShardEvent opening = poll(subscription).event();
        assertThat(data(opening)).containsExactly("a");
        assertThat(opening.continuationSequenceNumber()).isEqualTo(first.sequenceNumber());
        assertThat(opening.millisBehindLatest()).isZero();
        assertThat(opening.childShards()).isNull();

        clock.advance(Duration.ofSeconds(1));
        assertThat(subscription.poll(clock.millis()))
                .as("nothing new, no heartbeat due")
                .isNull();
        PutRecordResponse second = put("b");
        SubscribeToShardEvent next = poll(subscription).event();
        assertThat(data(next)).containsExactly("b");
        assertThat(next.continuationSequenceNumber()).isEqualTo(second.sequenceNumber());

        clock.advance(Duration.ofMillis(4_999));
        assertThat(subscription.poll(clock.millis())).isNull();
        clock.advance(Duration.ofMillis(1));
        SubscribeToShardEvent heartbeat = poll(subscription).event();
        assertThat(heartbeat.records()).isEmpty();
        assertThat(heartbeat.continuationSequenceNumber()).isEqualTo(second.sequenceNumber());
        assertThat(subscription.waitMillis(clock.millis())).isEqualTo(1_000);
    }

    @Test
    void anEmptyShardsContinuationIsItsStartingSequenceNumberSoThatResumingAfterItMissesNothing() {
        String consumer = consumer(1);
        ShardSubscriptions.Subscription subscription = subscribe(consumer, ShardIds.of(0), "LATEST", null);
        SubscribeToShardEvent opening = poll(subscription).event();
        assertThat(opening.records()).isEmpty();
        assertThat(opening.continuationSequenceNumber()).isEqualTo(SequenceNumbers.format(0, 0));
        clock.advance(Duration.ofSeconds(5));
        put("first");
        ShardSubscriptions.Subscription resumed =
                subscribe(consumer, ShardIds.of(0), "AFTER_SEQUENCE_NUMBER", opening.continuationSequenceNumber());
        assertThat(data(poll(resumed).event())).containsExactly("first");
        assertThat(subscription.takenOver()).isTrue();
    }

    @Test
    void aSecondSubscriptionWithinFiveSecondsIsRefusedAndALaterOneTakesOver() {
        String consumer = consumer(1);
        ShardSubscriptions.Subscription first = subscribe(consumer, ShardIds.of(0), "LATEST", null);
        clock.advance(Duration.ofMillis(4_999));
        assertError(
                () -> subscribe(consumer, ShardIds.of(0), "LATEST", null),
                KinesisError.ResourceInUse,
                "Another active subscription exists for consumer " + consumer + " and shard shardId-000000000000.");
        clock.advance(Duration.ofMillis(1));
        ShardSubscriptions.Subscription second = subscribe(consumer, ShardIds.of(0), "LATEST", null);
        assertThat(first.takenOver()).isTrue();
        assertThat(second.takenOver()).isFalse();
        second.end();
        assertThat(subscribe(consumer, ShardIds.of(0), "LATEST", null).takenOver())
                .as("a subscription that ended holds nothing off")
                .isFalse();
    }

    @Test
    void aClosedShardsLastEventNamesItsChildrenWithoutAContinuation() {
        String consumer = consumer(1);
        put("before");
        ShardSubscriptions.Subscription subscription = subscribe(consumer, ShardIds.of(0), "TRIM_HORIZON", null);
        kinesis.splitShard(
                CONTEXT,
                new SplitShardRequest(
                        "fan", ShardIds.of(0), BigInteger.ONE.shiftLeft(127).toString(), null, null));
        clock.advance(Duration.ofMillis(500));
        ShardSubscriptions.Subscription.Step last = poll(subscription);
        assertThat(last.last()).isTrue();
        assertThat(data(last.event())).containsExactly("before");
        assertThat(last.event().continuationSequenceNumber()).isNull();
        assertThat(Objects.requireNonNull(last.event().childShards()))
                .extracting(ChildShard::shardId)
                .containsExactly(ShardIds.of(1), ShardIds.of(2));
    }

    @Test
    void aSubscriptionLastsFiveMinutes() {
        String consumer = consumer(1);
        ShardSubscriptions.Subscription subscription = subscribe(consumer, ShardIds.of(0), "LATEST", null);
        clock.advance(Duration.ofMillis(299_999));
        assertThat(subscription.expired(clock.millis())).isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(subscription.expired(clock.millis())).isTrue();
    }

    @Test
    void eachConsumerReadsTwoMebibytesASecondPerShard() {
        String consumer = consumer(1);
        for (int second = 0; second < 4; second++) {
            for (int i = 0; i < 4; i++) {
                kinesis.putRecord(
                        CONTEXT, new PutRecordRequest("fan", new byte[256 * 1024 - 8], "k", null, null, null, null));
            }
            clock.advance(Duration.ofSeconds(1));
        }
        ShardSubscriptions.Subscription subscription = subscribe(consumer, ShardIds.of(0), "TRIM_HORIZON", null);
        assertThat(poll(subscription).event().records()).hasSize(16);
        clock.advance(Duration.ofMillis(500));
        put("next");
        assertThat(subscription.poll(clock.millis()))
                .as("4 MiB read from a 2 MiB budget: about 1 MiB of debt left")
                .isNull();
        clock.advance(Duration.ofMillis(600));
        assertThat(data(poll(subscription).event())).containsExactly("next");
    }

    @Test
    void subscriptionsAreRefusedInAwsWords() {
        String consumer = consumer(1);
        assertError(
                () -> subscribe(consumer, "shardId-000000000009", "LATEST", null),
                KinesisError.ResourceNotFound,
                "Shard shardId-000000000009 in stream fan under account 000000000000 does not exist");
        assertError(
                () -> subscribe(consumer, ShardIds.of(0), "SOMEWHERE", null),
                KinesisError.Validation,
                "1 validation error detected: Value 'SOMEWHERE' at 'startingPosition.type' failed to satisfy"
                        + " constraint: Member must satisfy enum value set: [AT_SEQUENCE_NUMBER, AFTER_SEQUENCE_NUMBER,"
                        + " TRIM_HORIZON, LATEST, AT_TIMESTAMP]");
        assertError(
                () -> subscribe(consumer, ShardIds.of(0), "AFTER_SEQUENCE_NUMBER", null),
                KinesisError.InvalidArgument,
                "Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and StartingSequenceNumber or (2)"
                        + " TRIM_HORIZON or LATEST and no StartingSequenceNumber. Request specified"
                        + " AFTER_SEQUENCE_NUMBER and no StartingSequenceNumber.");
        String young = Objects.requireNonNull(Objects.requireNonNull(kinesis.registerStreamConsumer(
                                CONTEXT, new RegisterStreamConsumerRequest(STREAM, "young", null, null))
                        .consumer())
                .consumerARN());
        assertThatThrownBy(() -> subscribe(young, ShardIds.of(0), "LATEST", null))
                .isInstanceOfSatisfying(
                        AwsException.class, e -> assertThat(e.code()).isEqualTo(KinesisError.ResourceInUse));
        assertThatThrownBy(() -> subscribe(consumer.replace("/app:", "/gone:"), ShardIds.of(0), "LATEST", null))
                .isInstanceOfSatisfying(
                        AwsException.class, e -> assertThat(e.code()).isEqualTo(KinesisError.ResourceNotFound));
    }
}
