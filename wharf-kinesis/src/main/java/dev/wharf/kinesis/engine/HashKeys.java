package dev.wharf.kinesis.engine;

import dev.wharf.kinesis.api.KinesisError;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The 128-bit hash key space of a stream: how a record's partition key (or its explicit hash key) picks a shard, and
 * how a stream's first shards divide the space.
 *
 * <p>As AWS documents it, a partition key maps to a hash key by MD5, read as an unsigned 128-bit integer; a shard owns
 * an inclusive range of hash keys, and a stream's ranges cover 0 to 2^128 − 1 without gaps. A stream created with N
 * shards gives shard i the keys from i·⌊2^128/N⌋ to (i+1)·⌊2^128/N⌋ − 1, and the last shard everything up to
 * 2^128 − 1: the ranges AWS's DescribeStream shows (kinesalite, which was checked against AWS, makes the same).
 */
final class HashKeys {

    /** 2^128 − 1, the largest hash key. */
    static final BigInteger MAX = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

    private static final BigInteger SPACE = BigInteger.ONE.shiftLeft(128);
    /** A decimal of at most 39 digits without leading zeros, the model's pattern for ExplicitHashKey. */
    private static final Pattern DECIMAL = Pattern.compile("0|[1-9]\\d{0,38}");

    /** An inclusive range of hash keys. */
    record Range(BigInteger start, BigInteger end) {

        Range {
            if (start.signum() < 0 || end.compareTo(MAX) > 0 || start.compareTo(end) > 0) {
                throw new IllegalArgumentException("not a hash key range: " + start + " to " + end);
            }
        }

        boolean contains(BigInteger key) {
            return start.compareTo(key) <= 0 && key.compareTo(end) <= 0;
        }

        /** Whether {@code next} starts right after this range ends, as the two halves of a merge must. */
        boolean adjacentTo(Range next) {
            return end.add(BigInteger.ONE).equals(next.start());
        }
    }

    /**
     * A digest that is never used but copied: looking MD5 up among the security providers for each record of a
     * PutRecords cost more than the digest.
     */
    private static final MessageDigest MD5 = md5();

    private HashKeys() {}

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }

    /** The hash key of a partition key: its UTF-8 MD5 as an unsigned 128-bit integer. */
    static BigInteger ofPartitionKey(String partitionKey) {
        return ofPartitionKey(partitionKey.getBytes(StandardCharsets.UTF_8));
    }

    /** The hash key of a partition key given as its UTF-8 bytes. */
    static BigInteger ofPartitionKey(byte[] partitionKey) {
        MessageDigest digest;
        try {
            digest = (MessageDigest) MD5.clone();
        } catch (CloneNotSupportedException e) {
            digest = md5();
        }
        return new BigInteger(1, digest.digest(partitionKey));
    }

    /**
     * An explicit hash key as a request sends it.
     *
     * @throws dev.wharf.common.AwsException {@code InvalidArgumentException} when it is not a decimal in the space
     */
    static BigInteger parseExplicit(String explicitHashKey) {
        BigInteger key = DECIMAL.matcher(explicitHashKey).matches() ? new BigInteger(explicitHashKey) : null;
        if (key == null || key.compareTo(MAX) > 0) {
            throw KinesisError.InvalidArgument.with("Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0,"
                    + " 2^128-1]. Specified value was " + explicitHashKey);
        }
        return key;
    }

    /** The ranges of a stream's first {@code shards} shards, in order. */
    static List<Range> evenSplit(int shards) {
        if (shards < 1) {
            throw new IllegalArgumentException("a stream has at least one shard: " + shards);
        }
        List<Range> ranges = new ArrayList<>(shards);
        BigInteger width = SPACE.divide(BigInteger.valueOf(shards));
        for (int i = 0; i < shards; i++) {
            BigInteger start = width.multiply(BigInteger.valueOf(i));
            BigInteger next = i == shards - 1 ? SPACE : width.multiply(BigInteger.valueOf(i + 1L));
            ranges.add(new Range(start, next.subtract(BigInteger.ONE)));
        }
        return ranges;
    }
}
