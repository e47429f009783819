package dev.wharf.storage.rocksdb;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.storage.SequenceNumber;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The SNS, Kinesis and CloudWatch key encodings at their edges, which the contract suites reach only through whole stores. */
final class RecordKeysTest {

    @Test
    void deliveryKeysRoundTripAndSortBySequenceThenTarget() {
        long[][] ascending = {
            {0, 0},
            {0, 1},
            {0, 255},
            {0, 256},
            {0, Integer.MAX_VALUE},
            {1, 0},
            {Long.MAX_VALUE, 0},
            {Long.MAX_VALUE, Integer.MAX_VALUE},
        };
        for (int i = 0; i < ascending.length; i++) {
            byte[] key = RecordKeys.deliveryKey(ascending[i][0], (int) ascending[i][1]);
            assertThat(key).hasSize(RecordKeys.DELIVERY_KEY_LENGTH);
            assertThat(RecordKeys.outboxSequenceOf(key)).isEqualTo(ascending[i][0]);
            assertThat(RecordKeys.targetOf(key)).isEqualTo((int) ascending[i][1]);
            if (i > 0) {
                byte[] previous = RecordKeys.deliveryKey(ascending[i - 1][0], (int) ascending[i - 1][1]);
                assertThat(Arrays.compareUnsigned(previous, key)).isNegative();
            }
        }
    }

    @Test
    void aMessagesDeliveriesLieBetweenItsStartAndEnd() {
        for (long sequence : new long[] {0, 1, 255, Long.MAX_VALUE}) {
            byte[] start = RecordKeys.deliveriesStart(sequence);
            byte[] end = RecordKeys.deliveriesEnd(sequence);
            assertThat(Arrays.compareUnsigned(start, RecordKeys.deliveryKey(sequence, 0)))
                    .isNegative();
            assertThat(Arrays.compareUnsigned(RecordKeys.deliveryKey(sequence, Integer.MAX_VALUE), end))
                    .isNegative();
            if (sequence < Long.MAX_VALUE) {
                assertThat(Arrays.compareUnsigned(end, RecordKeys.deliveryKey(sequence + 1, 0)))
                        .isLessThanOrEqualTo(0);
            }
        }
    }

    @Test
    void prefixEndIncrementsTheLastByteWithoutCarry() {
        assertThat(RecordKeys.prefixEnd(bytes("topic/"))).isEqualTo(bytes("topic0"));
        // U+00FF is C3 BF: the end is C3 C0, below U+0100 (C4 80) and above every key that starts with U+00FF.
        assertThat(RecordKeys.prefixEnd(bytes("\u00FF"))).containsExactly(0xC3, 0xC0);
        assertThatThrownBy(() -> RecordKeys.prefixEnd(new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RecordKeys.prefixEnd(new byte[] {'a', (byte) 0xFF}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void resourceKeysAreStrictUtf8() {
        assertThat(RecordKeys.resourceKey("t\uD83D\uDE00")).isEqualTo(bytes("t\uD83D\uDE00"));
        assertThat(RecordKeys.resourceKeyOf(RecordKeys.resourceKey("\u00E9/x"))).isEqualTo("\u00E9/x");
        assertThat(RecordKeys.resourceKey("")).isEmpty();
        assertThatThrownBy(() -> RecordKeys.resourceKey("t\uD83D"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unpaired surrogate");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }

    @Test
    void archiveKeysRoundTripAndStayWithinTheirArchivesRange() {
        for (String archive : new String[] {"a", "ab", "a\u0001", "\u00e9"}) {
            byte[] start = RecordKeys.archiveStart(archive);
            byte[] end = RecordKeys.archiveEnd(archive);
            for (long[] position : new long[][] {{0, 0}, {255, 256}, {Long.MAX_VALUE, Long.MAX_VALUE}}) {
                byte[] key = RecordKeys.archiveKey(archive, position[0], position[1]);
                assertThat(RecordKeys.archiveTimeOf(key)).isEqualTo(position[0]);
                assertThat(RecordKeys.archiveSequenceOf(key)).isEqualTo(position[1]);
                assertThat(Arrays.compareUnsigned(start, key)).isNegative();
                assertThat(Arrays.compareUnsigned(key, end)).isNegative();
                assertThat(Arrays.compareUnsigned(key, RecordKeys.successor(key)))
                        .isNegative();
            }
        }
        byte[] other = RecordKeys.archiveKey("a\u0001", 0, 0);
        assertThat(Arrays.compareUnsigned(other, RecordKeys.archiveEnd("a"))).isPositive();
    }

    @Test
    void streamRecordKeysRoundTripSortBySequenceAndStayWithinTheirShard() {
        SequenceNumber[] ascending = {
            SequenceNumber.MIN,
            new SequenceNumber(0, Long.MIN_VALUE),
            new SequenceNumber(1, 0),
            new SequenceNumber(Long.MIN_VALUE, 0),
            SequenceNumber.MAX,
        };
        for (long stream : new long[] {0, 1, Long.MAX_VALUE}) {
            for (int shard : new int[] {0, 1, Integer.MAX_VALUE}) {
                byte[] previous = RecordKeys.shardStart(stream, shard);
                for (int i = 0; i < ascending.length; i++) {
                    // Later records arrive earlier here: the time in the key must not change their order.
                    byte[] key = RecordKeys.streamRecordKey(stream, shard, ascending[i], Long.MAX_VALUE - i);
                    byte[] seek = RecordKeys.streamRecordSeek(stream, shard, ascending[i]);
                    assertThat(RecordKeys.streamIdOf(key)).isEqualTo(stream);
                    assertThat(RecordKeys.streamRecordSequenceOf(key)).isEqualTo(ascending[i]);
                    assertThat(RecordKeys.streamRecordArrivalOf(key)).isEqualTo(Long.MAX_VALUE - i);
                    assertThat(Arrays.compareUnsigned(previous, seek)).isNegative();
                    assertThat(Arrays.compareUnsigned(seek, key)).isNegative();
                    assertThat(Arrays.compareUnsigned(key, RecordKeys.shardEnd(stream, shard)))
                            .isNegative();
                    assertThat(Arrays.compareUnsigned(key, RecordKeys.streamEnd(stream)))
                            .isNegative();
                    assertThat(Arrays.compareUnsigned(RecordKeys.streamStart(stream), key))
                            .isNegative();
                    previous = key;
                }
            }
        }
    }

    @Test
    void streamTimeKeysRoundTripAndSortByTimeThenSequence() {
        byte[] previous = RecordKeys.shardStart(3, 4);
        for (long time : new long[] {0, 255, 256, Long.MAX_VALUE}) {
            byte[] seek = RecordKeys.streamTimeSeek(3, 4, time);
            assertThat(Arrays.compareUnsigned(previous, seek)).isNegative();
            for (SequenceNumber sequence : new SequenceNumber[] {SequenceNumber.MIN, SequenceNumber.MAX}) {
                byte[] key = RecordKeys.streamTimeKey(3, 4, time, sequence);
                assertThat(RecordKeys.streamTimeOf(key)).isEqualTo(time);
                assertThat(RecordKeys.streamTimeSequenceOf(key)).isEqualTo(sequence);
                assertThat(Arrays.compareUnsigned(previous, key)).isNegative();
                assertThat(Arrays.compareUnsigned(key, RecordKeys.shardEnd(3, 4)))
                        .isNegative();
                previous = key;
            }
        }
    }

    @Test
    void streamMetadataKeysRoundTripWithinTheirStream() {
        byte[] key = RecordKeys.streamMetadataKey(Long.MAX_VALUE, "consumer/\u00e9");
        assertThat(RecordKeys.streamIdOf(key)).isEqualTo(Long.MAX_VALUE);
        assertThat(RecordKeys.streamMetadataNameOf(key)).isEqualTo("consumer/\u00e9");
        assertThat(Arrays.compareUnsigned(key, RecordKeys.streamEnd(Long.MAX_VALUE)))
                .isNegative();
        assertThat(Arrays.compareUnsigned(RecordKeys.streamEnd(Long.MAX_VALUE - 1), key))
                .isNegative();
    }

    @Test
    void pointKeysRoundTripSortByTimeWithNegativesFirstAndStayWithinTheirSeriesAndPeriod() {
        long[] ascending = {Long.MIN_VALUE, -256, -1, 0, 1, 255, 256, Long.MAX_VALUE};
        for (long series : new long[] {0, 1, Long.MAX_VALUE}) {
            for (int period : new int[] {1, 60, 300, 3600, Integer.MAX_VALUE}) {
                byte[] previous = null;
                for (long time : ascending) {
                    byte[] key = RecordKeys.pointKey(series, period, time);
                    assertThat(key).hasSize(RecordKeys.POINT_KEY_LENGTH);
                    assertThat(RecordKeys.pointTimeOf(key)).isEqualTo(time);
                    assertThat(Arrays.compareUnsigned(RecordKeys.pointsStart(series, period), key))
                            .isLessThanOrEqualTo(0);
                    assertThat(Arrays.compareUnsigned(key, RecordKeys.pointsEnd(series, period)))
                            .isNegative();
                    assertThat(Arrays.compareUnsigned(RecordKeys.seriesStart(series), key))
                            .isLessThanOrEqualTo(0);
                    assertThat(Arrays.compareUnsigned(key, RecordKeys.seriesEnd(series)))
                            .isNegative();
                    if (previous != null) {
                        assertThat(Arrays.compareUnsigned(previous, key)).isNegative();
                    }
                    previous = key;
                }
            }
        }
        // The end of one period is at or below the start of the next one that CloudWatch keeps.
        assertThat(Arrays.compareUnsigned(RecordKeys.pointsEnd(5, 60), RecordKeys.pointsStart(5, 300)))
                .isNegative();
        assertThat(Arrays.compareUnsigned(RecordKeys.pointsEnd(5, 60), RecordKeys.pointsStart(5, 61)))
                .isNegative();
        assertThat(RecordKeys.pointKey(1, 60, 0))
                .containsExactly(0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 60, 0x80, 0, 0, 0, 0, 0, 0, 0);
    }
}
