package dev.wharf.storage;

/**
 * A Kinesis record's position in its shard, as a {@link StreamStore} keys it: an unsigned 128-bit number, {@code high}
 * then {@code low}, both read as unsigned, compared as the number they make.
 *
 * <p>The engine hands sequence numbers out and renders them on the wire as it likes (AWS's are decimal strings); the
 * store only needs them fixed-width, so that a durable backend can write them as 16 big-endian bytes whose bytewise
 * order is this record's order.
 */
public record SequenceNumber(long high, long low) implements Comparable<SequenceNumber> {

    /** The smallest sequence number: a read from it starts at a shard's oldest record. */
    public static final SequenceNumber MIN = new SequenceNumber(0, 0);

    /** The largest sequence number. */
    public static final SequenceNumber MAX = new SequenceNumber(-1, -1);

    /** The fixed width of a sequence number's big-endian form. */
    public static final int BYTES = 2 * Long.BYTES;

    @Override
    public int compareTo(SequenceNumber other) {
        int byHigh = Long.compareUnsigned(high, other.high);
        return byHigh != 0 ? byHigh : Long.compareUnsigned(low, other.low);
    }

    /**
     * The next sequence number.
     *
     * @throws IllegalStateException for {@link #MAX}, which has none
     */
    public SequenceNumber next() {
        if (equals(MAX)) {
            throw new IllegalStateException("the largest sequence number has no successor");
        }
        return low == -1 ? new SequenceNumber(high + 1, 0) : new SequenceNumber(high, low + 1);
    }

    /** The two halves as unsigned hexadecimal, for messages and logs. */
    @Override
    public String toString() {
        return Long.toUnsignedString(high, 16) + ":" + Long.toUnsignedString(low, 16);
    }
}
