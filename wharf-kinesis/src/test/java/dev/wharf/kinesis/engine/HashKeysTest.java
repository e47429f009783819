package dev.wharf.kinesis.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.common.AwsException;
import dev.wharf.kinesis.api.KinesisError;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class HashKeysTest {

    @Test
    void aPartitionKeysHashIsItsMd5AsAnUnsignedInteger() {
        // MD5("a") = 0cc175b9c0f1b6a831c399e269772661
        assertThat(HashKeys.ofPartitionKey("a")).isEqualTo(new BigInteger("0cc175b9c0f1b6a831c399e269772661", 16));
        // A digest whose first bit is set stays positive: MD5("d") = 8277e0910d750195b448797616e091ad.
        assertThat(HashKeys.ofPartitionKey("d")).isEqualTo(new BigInteger("8277e0910d750195b448797616e091ad", 16));
        assertThat(HashKeys.ofPartitionKey("ü")).isEqualTo(new BigInteger("c03410a5204b21cd8229ff754688d743", 16));
    }

    @Test
    void fourShardsSplitTheSpaceAsAwsShowsIt() {
        List<HashKeys.Range> ranges = HashKeys.evenSplit(4);
        assertThat(ranges)
                .extracting(r -> r.start().toString())
                .containsExactly(
                        "0",
                        "85070591730234615865843651857942052864",
                        "170141183460469231731687303715884105728",
                        "255211775190703847597530955573826158592");
        assertThat(ranges.getLast().end()).isEqualTo(HashKeys.MAX);
        assertThat(ranges.getFirst().end().toString()).isEqualTo("85070591730234615865843651857942052863");
        for (int i = 1; i < ranges.size(); i++) {
            assertThat(ranges.get(i - 1).adjacentTo(ranges.get(i))).isTrue();
        }
    }

    @Test
    void anUnevenSplitGivesTheRemainderToTheLastShard() {
        // 2^128 over 7 is 48611766702991209066196372490252601636 and a bit.
        List<HashKeys.Range> ranges = HashKeys.evenSplit(7);
        BigInteger width = new BigInteger("48611766702991209066196372490252601636");
        assertThat(ranges.get(6).start()).isEqualTo(width.multiply(BigInteger.valueOf(6)));
        assertThat(ranges.get(5).end())
                .isEqualTo(width.multiply(BigInteger.valueOf(6)).subtract(BigInteger.ONE));
        assertThat(ranges.get(6).end()).isEqualTo(HashKeys.MAX);
    }

    @Test
    void anUnevenSplitStillCoversEveryKeyOnce() {
        List<HashKeys.Range> ranges = HashKeys.evenSplit(3);
        assertThat(ranges.getFirst().start()).isZero();
        assertThat(ranges.getLast().end()).isEqualTo(HashKeys.MAX);
        assertThat(ranges.get(0).adjacentTo(ranges.get(1))).isTrue();
        assertThat(ranges.get(1).adjacentTo(ranges.get(2))).isTrue();
        assertThat(ranges.get(0).contains(ranges.get(0).end())).isTrue();
        assertThat(ranges.get(0).contains(ranges.get(1).start())).isFalse();
        assertThat(HashKeys.evenSplit(1)).containsExactly(new HashKeys.Range(BigInteger.ZERO, HashKeys.MAX));
        assertThatThrownBy(() -> HashKeys.evenSplit(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anExplicitHashKeyIsADecimalInTheSpace() {
        assertThat(HashKeys.parseExplicit("0")).isZero();
        assertThat(HashKeys.parseExplicit(HashKeys.MAX.toString())).isEqualTo(HashKeys.MAX);
        for (String bad : List.of(HashKeys.MAX.add(BigInteger.ONE).toString(), "-1", "01", "1e3", "", "abc")) {
            assertThatThrownBy(() -> HashKeys.parseExplicit(bad))
                    .as(bad)
                    .isInstanceOfSatisfying(AwsException.class, e -> {
                        assertThat(e.code()).isEqualTo(KinesisError.InvalidArgument);
                        assertThat(e.getMessage()).contains("ExplicitHashKey").contains(bad);
                    });
        }
    }

    @Test
    void aRangeMustBeOrderedAndInTheSpace() {
        assertThatThrownBy(() -> new HashKeys.Range(BigInteger.TEN, BigInteger.ONE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HashKeys.Range(BigInteger.ZERO, HashKeys.MAX.add(BigInteger.ONE)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
