package dev.wharf.kinesis.engine;

import java.math.BigInteger;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Kinesis sequence numbers: the decimal strings that AWS documents only as unique per partition key and increasing
 * within a shard over time, which clients (the KCL among them) compare as big integers.
 *
 * <p>Wharf's are {@code BASE + shardIndex·2^64 + ordinal}: 56 digits starting with {@code 49}, as AWS's look; the
 * ordinal counts a shard's records from 1, and 0 is the shard's StartingSequenceNumber, below them all, as on AWS (a
 * subscriber that resumes AFTER it gets the first record). So they increase within a shard, never repeat across the
 * shards of a stream, grow from a parent shard to its children (whose indexes are higher), and name their shard, which
 * lets an iterator request with another shard's sequence number be refused as AWS refuses it. The store keys a shard's
 * records by the ordinal alone.
 */
final class SequenceNumbers {

    /** 49 followed by 54 zeros. */
    static final BigInteger BASE = new BigInteger("49").multiply(BigInteger.TEN.pow(54));

    private static final BigInteger SHARD_UNIT = BigInteger.ONE.shiftLeft(64);
    private static final Pattern DIGITS = Pattern.compile("0|[1-9]\\d{0,128}");

    /** A sequence number's parts. */
    record Parts(int shardIndex, long ordinal) {}

    private SequenceNumbers() {}

    /** 10^18: the low decimal digits of a sequence number are worked out in a long, below this. */
    private static final long LOW_UNIT = 1_000_000_000_000_000_000L;

    private static final BigInteger LOW_UNIT_BIG = BigInteger.valueOf(LOW_UNIT);
    /** The shards whose base is cached: {@link #format} runs for every record put and read. */
    private static final int CACHED_SHARDS = 4_096;

    private static final Base[] BASES = new Base[CACHED_SHARDS];

    /** A shard's base, {@code BASE + shardIndex·2^64}, split at 10^18: its high digits and its low part. */
    private record Base(String high, BigInteger highValue, long low) {
        static Base of(int shardIndex) {
            BigInteger[] split = BASE.add(SHARD_UNIT.multiply(BigInteger.valueOf(shardIndex)))
                    .divideAndRemainder(LOW_UNIT_BIG);
            return new Base(split[0].toString(), split[0], split[1].longValueExact());
        }
    }

    /** The sequence number of a shard's record with the given ordinal. */
    static String format(int shardIndex, long ordinal) {
        if (shardIndex < 0 || ordinal < 0) {
            throw new IllegalArgumentException("negative shard index or ordinal: " + shardIndex + ", " + ordinal);
        }
        Base base = base(shardIndex);
        // low < 10^18 and ordinal % 10^18 < 10^18, so their sum fits a long; the carry goes to the high digits.
        long low = base.low() + ordinal % LOW_UNIT;
        long carry = ordinal / LOW_UNIT + low / LOW_UNIT;
        low %= LOW_UNIT;
        String high = carry == 0
                ? base.high()
                : base.highValue().add(BigInteger.valueOf(carry)).toString();
        String digits = Long.toString(low);
        StringBuilder out = new StringBuilder(high.length() + 18).append(high);
        for (int i = digits.length(); i < 18; i++) {
            out.append('0');
        }
        return out.append(digits).toString();
    }

    private static Base base(int shardIndex) {
        if (shardIndex >= CACHED_SHARDS) {
            return Base.of(shardIndex);
        }
        Base base = BASES[shardIndex];
        if (base == null) {
            // A race makes the same value twice; either write is fine.
            base = Base.of(shardIndex);
            BASES[shardIndex] = base;
        }
        return base;
    }

    /** The parts of a sequence number that Wharf made, or null for any other string (malformed, or not Wharf's). */
    static @Nullable Parts parse(String sequenceNumber) {
        if (!DIGITS.matcher(sequenceNumber).matches()) {
            return null;
        }
        BigInteger offset = new BigInteger(sequenceNumber).subtract(BASE);
        if (offset.signum() < 0) {
            return null;
        }
        BigInteger[] split = offset.divideAndRemainder(SHARD_UNIT);
        if (split[0].bitLength() > 31 || split[1].bitLength() > 63) {
            return null;
        }
        return new Parts(split[0].intValueExact(), split[1].longValueExact());
    }
}
