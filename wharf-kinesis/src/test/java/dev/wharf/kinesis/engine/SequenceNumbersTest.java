package dev.wharf.kinesis.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class SequenceNumbersTest {

    @Test
    void theyLookLikeAwssAndIncreaseWithinAShard() {
        String first = SequenceNumbers.format(0, 0);
        assertThat(first).hasSize(56).startsWith("49");
        String later = SequenceNumbers.format(0, 1);
        assertThat(new BigInteger(later)).isGreaterThan(new BigInteger(first));
        assertThat(new BigInteger(SequenceNumbers.format(0, Long.MAX_VALUE)))
                .as("a parent shard's last record is below its child's first")
                .isLessThan(new BigInteger(SequenceNumbers.format(1, 0)));
        assertThat(SequenceNumbers.format(499_999, Long.MAX_VALUE)).hasSize(56);
    }

    @Test
    void theFastFormatIsTheBigIntegerSumAtEveryCarry() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        long[] ordinals = {
            0, 1, 999_999_999_999_999_999L, 1_000_000_000_000_000_000L, Long.MAX_VALUE - 1, Long.MAX_VALUE
        };
        int[] shards = {0, 1, 2, 4_095, 4_096, 499_999};
        for (int shard : shards) {
            for (long ordinal : ordinals) {
                assertThat(SequenceNumbers.format(shard, ordinal)).isEqualTo(slow(shard, ordinal));
            }
        }
        for (int i = 0; i < 10_000; i++) {
            int shard = random.nextInt(5_000);
            long ordinal = random.nextLong(Long.MAX_VALUE);
            assertThat(SequenceNumbers.format(shard, ordinal)).isEqualTo(slow(shard, ordinal));
        }
    }

    private static String slow(int shard, long ordinal) {
        return SequenceNumbers.BASE
                .add(BigInteger.ONE.shiftLeft(64).multiply(BigInteger.valueOf(shard)))
                .add(BigInteger.valueOf(ordinal))
                .toString();
    }

    @Test
    void theyNameTheirShardAndOrdinal() {
        assertThat(SequenceNumbers.parse(SequenceNumbers.format(7, 123_456_789L)))
                .isEqualTo(new SequenceNumbers.Parts(7, 123_456_789L));
        assertThat(SequenceNumbers.parse(SequenceNumbers.format(0, 0))).isEqualTo(new SequenceNumbers.Parts(0, 0));
    }

    @Test
    void stringsThatAreNotWharfsParseAsNothing() {
        assertThat(SequenceNumbers.parse("")).isNull();
        assertThat(SequenceNumbers.parse("12")).as("below the base").isNull();
        assertThat(SequenceNumbers.parse("0049000000000000000000000000000000000000000000000000000000"))
                .isNull();
        assertThat(SequenceNumbers.parse("4.9e55")).isNull();
        assertThat(SequenceNumbers.parse("9".repeat(200))).isNull();
        assertThat(SequenceNumbers.parse(SequenceNumbers.BASE
                        .add(BigInteger.ONE.shiftLeft(64 + 31))
                        .toString()))
                .as("a shard index past int")
                .isNull();
        assertThatThrownBy(() -> SequenceNumbers.format(-1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shardIdsHaveTwelveDigits() {
        assertThat(ShardIds.of(0)).isEqualTo("shardId-000000000000");
        assertThat(ShardIds.of(42)).isEqualTo("shardId-000000000042");
        assertThat(ShardIds.indexOf("shardId-000000000042")).isEqualTo(42);
        assertThat(ShardIds.indexOf("shardId-42")).isEqualTo(-1);
        assertThat(ShardIds.indexOf("shardId-999999999999")).isEqualTo(-1);
        assertThat(ShardIds.indexOf("other")).isEqualTo(-1);
    }
}
