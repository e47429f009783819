package dev.wharf.kinesis.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.common.AwsException;
import dev.wharf.kinesis.api.CreateStreamRequest;
import dev.wharf.kinesis.api.KinesisContext;
import dev.wharf.kinesis.api.KinesisError;
import dev.wharf.kinesis.api.PutRecordRequest;
import dev.wharf.kinesis.api.ShardReadPort;
import dev.wharf.kinesis.api.SplitShardRequest;
import dev.wharf.kinesis.api.StreamRecord;
import dev.wharf.storage.MemoryStorageEngine;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** The reader port that Firehose's Kinesis source uses: shards with their lineage, pages from a position, limits. */
class KinesisShardReadPortTest {

    private static final KinesisContext CONTEXT = new KinesisContext("000000000000", "us-east-1");
    private static final String ARN = "arn:aws:kinesis:us-east-1:000000000000:stream/s";
    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

    private final TestClock clock = new TestClock(START);
    private final KinesisEngine kinesis = new KinesisEngine(
            clock, new KinesisConfig(Duration.ofMillis(500), 50, true), new MemoryStorageEngine().streams());

    private void create(int shards) {
        kinesis.createStream(CONTEXT, new CreateStreamRequest("s", shards, null, null, null, null));
        clock.advance(Duration.ofSeconds(1));
    }

    private String put(String data) {
        return Objects.requireNonNull(kinesis.putRecord(
                        CONTEXT,
                        new PutRecordRequest("s", data.getBytes(StandardCharsets.UTF_8), "key", null, null, null, null))
                .sequenceNumber());
    }

    private static List<String> data(ShardReadPort.Page page) {
        return page.records().stream()
                .map(StreamRecord::data)
                .map(d -> new String(Objects.requireNonNull(d), StandardCharsets.UTF_8))
                .toList();
    }

    @Test
    void readsFromTheHorizonAfterASequenceNumberAndFromATime() {
        create(1);
        String first = put("a");
        clock.advance(Duration.ofSeconds(10));
        Instant second = clock.instant();
        put("b");
        ShardReadPort port = kinesis;
        String shard = port.shards(ARN).getFirst().shardId();

        assertThat(data(port.read(ARN, shard, ShardReadPort.Position.TRIM_HORIZON, 10)))
                .containsExactly("a", "b");
        clock.advance(Duration.ofSeconds(1));
        assertThat(data(port.read(ARN, shard, new ShardReadPort.Position(first, null), 10)))
                .containsExactly("b");
        clock.advance(Duration.ofSeconds(1));
        assertThat(data(port.read(ARN, shard, new ShardReadPort.Position(null, second), 10)))
                .containsExactly("b");
        clock.advance(Duration.ofSeconds(1));
        ShardReadPort.Page limited = port.read(ARN, shard, ShardReadPort.Position.TRIM_HORIZON, 1);
        assertThat(data(limited)).containsExactly("a");
        assertThat(limited.shardEnded()).isFalse();
    }

    @Test
    void aReadBeyondTheShardsFiveReadsASecondIsThrottledNotAnError() {
        create(1);
        put("a");
        String shard = kinesis.shards(ARN).getFirst().shardId();
        for (int i = 0; i < 5; i++) {
            assertThat(kinesis.read(ARN, shard, ShardReadPort.Position.TRIM_HORIZON, 10)
                            .throttled())
                    .isFalse();
        }
        ShardReadPort.Page refused = kinesis.read(ARN, shard, ShardReadPort.Position.TRIM_HORIZON, 10);
        assertThat(refused.throttled()).isTrue();
        assertThat(refused.records()).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(data(kinesis.read(ARN, shard, ShardReadPort.Position.TRIM_HORIZON, 10)))
                .containsExactly("a");
    }

    @Test
    void aSplitShowsTheClosedParentWhoseEndIsReachedAndItsChildren() {
        create(1);
        String before = put("a");
        kinesis.splitShard(
                CONTEXT,
                new SplitShardRequest(
                        "s",
                        "shardId-000000000000",
                        BigInteger.ONE.shiftLeft(127).toString(),
                        null,
                        null));
        clock.advance(Duration.ofSeconds(1));
        List<ShardReadPort.ShardDescription> shards = kinesis.shards(ARN);
        assertThat(shards).hasSize(3);
        ShardReadPort.ShardDescription parent = shards.getFirst();
        assertThat(parent.closed()).isTrue();
        assertThat(parent.parentShardId()).isNull();
        assertThat(shards.subList(1, 3)).allSatisfy(child -> {
            assertThat(child.parentShardId()).isEqualTo(parent.shardId());
            assertThat(child.closed()).isFalse();
        });
        assertThat(shards.get(1).startingHashKey()).isEqualTo("0");
        assertThat(shards.get(2).endingHashKey())
                .isEqualTo(
                        BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE).toString());
        ShardReadPort.Page end = kinesis.read(ARN, parent.shardId(), new ShardReadPort.Position(before, null), 10);
        assertThat(end.records()).isEmpty();
        assertThat(end.shardEnded()).isTrue();
    }

    @Test
    void aMissingStreamIsKinesissResourceNotFound() {
        assertThatThrownBy(() -> kinesis.shards(ARN))
                .isInstanceOfSatisfying(
                        AwsException.class, e -> assertThat(e.code()).isEqualTo(KinesisError.ResourceNotFound));
        assertThatThrownBy(() -> kinesis.shards("arn:aws:sqs:us-east-1:000000000000:q"))
                .isInstanceOfSatisfying(
                        AwsException.class, e -> assertThat(e.code()).isEqualTo(KinesisError.InvalidArgument));
    }
}
