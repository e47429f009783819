package dev.wharf.storage.rocksdb;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.wharf.storage.SequenceNumber;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;

/**
 * Encodes the keys of the column families so that RocksDB's bytewise order is the order that the SPI promises.
 *
 * <ul>
 *   <li>SQS: a queue is 8 big-endian bytes of its id, and a message is 8 bytes of its queue id followed by 8 of its
 *       sequence.
 *   <li>SNS's resources: the key's UTF-8 bytes, as they are. Unsigned byte order is then the order that {@link
 *       dev.wharf.storage.TopicStore} promises, and the keys under a prefix are one range, from the prefix up to
 *       {@link #prefixEnd}.
 *   <li>SNS's outbox: a message is 8 big-endian bytes of its sequence, and a delivery record is those 8 followed by 4
 *       big-endian bytes of its target.
 *   <li>SNS's message archive: an entry is its archive name's UTF-8 bytes, a zero byte, then 8 big-endian bytes of its
 *       time and 8 of its sequence. No name holds U+0000, so one archive's entries are the range from the name and a
 *       zero byte up to the name and the byte 01, which no other archive's entry falls into.
 *   <li>Kinesis streams: a metadata record is 8 big-endian bytes of its stream id, then its name's UTF-8. A record's
 *       key is the stream id, 4 big-endian bytes of its shard, 16 of its sequence number, then 8 of its arrival time;
 *       a chunk of records ({@link RecordChunks}) is keyed by its last record's key and the byte 01, and a record
 *       written alone (before chunks) by its own. A time index entry is the stream id, the shard, the arrival time,
 *       then the sequence number. The sequence number comes before the arrival time, so a seek to (stream, shard,
 *       sequence) finds the chunk or record that holds it or the next, and every chunk wholly below a sequence number
 *       is one range whatever the times. A stream and a shard are each one range, up to the next id or shard ({@link
 *       #streamEnd}, {@link #shardEnd}).
 *   <li>CloudWatch's resources: the key's UTF-8 bytes, as SNS's. A point is 8 big-endian bytes of its series id, 4 of
 *       its period, then 8 of its time with the sign bit flipped, so that negative times sort before positive ones.
 *       A (series, period) is one range, up to the next period ({@link #pointsEnd}), and a series one range, up to the
 *       next series id ({@link #seriesEnd}).
 *   <li>Firehose's resources: the key's UTF-8 bytes, as SNS's. A buffered record is 8 big-endian bytes of its stream id
 *       followed by 8 of its sequence, as an SQS message; a stream's records are one range, up to the next stream id
 *       ({@link #firehoseRecordsEnd}).
 * </ul>
 *
 * <p>Big-endian bytes sort like the numbers they encode as long as the numbers are non-negative, which is why {@link
 * RocksDbStorageEngine} rejects negative ids and sequences, and {@link dev.wharf.storage.DeliveryBatch} negative
 * sequences and targets. A queue's messages and a message's delivery records are then one contiguous key range each,
 * from {@link #messagesStart} up to {@link #messagesEnd}, and from {@link #deliveriesStart} up to {@link
 * #deliveriesEnd}.
 */
final class RecordKeys {

    static final int QUEUE_KEY_LENGTH = Long.BYTES;
    static final int MESSAGE_KEY_LENGTH = 2 * Long.BYTES;
    static final int OUTBOX_MESSAGE_KEY_LENGTH = Long.BYTES;
    static final int DELIVERY_KEY_LENGTH = Long.BYTES + Integer.BYTES;

    private RecordKeys() {}

    static byte[] queueKey(long queueId) {
        byte[] key = new byte[QUEUE_KEY_LENGTH];
        writeLong(key, 0, queueId);
        return key;
    }

    static byte[] messageKey(long queueId, long sequence) {
        byte[] key = new byte[MESSAGE_KEY_LENGTH];
        writeLong(key, 0, queueId);
        writeLong(key, Long.BYTES, sequence);
        return key;
    }

    /** The first key of a queue's messages, inclusive. */
    static byte[] messagesStart(long queueId) {
        return queueKey(queueId);
    }

    /**
     * The key just past a queue's messages, exclusive: the next queue id's prefix. For {@link Long#MAX_VALUE} the next
     * id wraps to the bytes {@code 80 00 .. 00}, which still sort after every non-negative prefix.
     */
    static byte[] messagesEnd(long queueId) {
        return queueKey(queueId + 1);
    }

    static long queueIdOf(byte[] key) {
        return readLong(key, 0);
    }

    static long sequenceOf(byte[] key) {
        return readLong(key, Long.BYTES);
    }

    /**
     * A resource's key: its UTF-8 bytes.
     *
     * @throws IllegalArgumentException if the key holds an unpaired surrogate, which UTF-8 cannot encode: {@link
     *     String#getBytes} would write {@code ?} for it, and two keys would collide
     */
    static byte[] resourceKey(String key) {
        try {
            ByteBuffer encoded = UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(key));
            byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
            return bytes;
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(
                    "a store key must be well-formed UTF-16: it holds an unpaired surrogate", e);
        }
    }

    static String resourceKeyOf(byte[] key) {
        return new String(key, UTF_8);
    }

    /**
     * The key just past every key that starts with a non-empty UTF-8 prefix, exclusive: the prefix with its last byte
     * incremented. UTF-8 never holds the byte {@code FF}, so the increment never carries.
     */
    static byte[] prefixEnd(byte[] prefix) {
        if (prefix.length == 0 || prefix[prefix.length - 1] == (byte) 0xFF) {
            throw new IllegalArgumentException("not a non-empty UTF-8 prefix");
        }
        byte[] end = prefix.clone();
        end[end.length - 1]++;
        return end;
    }

    static byte[] outboxMessageKey(long sequence) {
        byte[] key = new byte[OUTBOX_MESSAGE_KEY_LENGTH];
        writeLong(key, 0, sequence);
        return key;
    }

    static byte[] deliveryKey(long sequence, int target) {
        byte[] key = new byte[DELIVERY_KEY_LENGTH];
        writeLong(key, 0, sequence);
        for (int i = 0; i < Integer.BYTES; i++) {
            key[Long.BYTES + i] = (byte) (target >>> (8 * (Integer.BYTES - 1 - i)));
        }
        return key;
    }

    /** The first key of a message's delivery records, inclusive. */
    static byte[] deliveriesStart(long sequence) {
        return outboxMessageKey(sequence);
    }

    /** The key just past a message's delivery records, exclusive; {@link Long#MAX_VALUE} wraps as in messagesEnd. */
    static byte[] deliveriesEnd(long sequence) {
        return outboxMessageKey(sequence + 1);
    }

    /** The sequence of an outbox message's key, or of a delivery record's. */
    static long outboxSequenceOf(byte[] key) {
        return readLong(key, 0);
    }

    static int targetOf(byte[] deliveryKey) {
        int target = 0;
        for (int i = 0; i < Integer.BYTES; i++) {
            target = (target << 8) | (deliveryKey[Long.BYTES + i] & 0xFF);
        }
        return target;
    }

    /** The first key of an archive's entries, inclusive: its name's UTF-8 and a zero byte. */
    static byte[] archiveStart(String archive) {
        byte[] name = resourceKey(archive);
        byte[] key = new byte[name.length + 1];
        System.arraycopy(name, 0, key, 0, name.length);
        return key;
    }

    /** The key just past an archive's entries, exclusive: its name's UTF-8 and the byte 01. */
    static byte[] archiveEnd(String archive) {
        byte[] key = archiveStart(archive);
        key[key.length - 1] = 1;
        return key;
    }

    static byte[] archiveKey(String archive, long timeMillis, long sequence) {
        byte[] start = archiveStart(archive);
        byte[] key = new byte[start.length + 2 * Long.BYTES];
        System.arraycopy(start, 0, key, 0, start.length);
        writeLong(key, start.length, timeMillis);
        writeLong(key, start.length + Long.BYTES, sequence);
        return key;
    }

    /** The time of an archive entry's key. */
    static long archiveTimeOf(byte[] key) {
        return readLong(key, key.length - 2 * Long.BYTES);
    }

    /** The sequence of an archive entry's key. */
    static long archiveSequenceOf(byte[] key) {
        return readLong(key, key.length - Long.BYTES);
    }

    static final int SHARD_PREFIX_LENGTH = Long.BYTES + Integer.BYTES;
    static final int STREAM_RECORD_KEY_LENGTH = SHARD_PREFIX_LENGTH + SequenceNumber.BYTES + Long.BYTES;

    /** A stream metadata record's key: the stream id, then the name's UTF-8. */
    static byte[] streamMetadataKey(long streamId, String name) {
        byte[] encoded = resourceKey(name);
        byte[] key = new byte[Long.BYTES + encoded.length];
        writeLong(key, 0, streamId);
        System.arraycopy(encoded, 0, key, Long.BYTES, encoded.length);
        return key;
    }

    /** The stream id of a metadata record's, record's or time index entry's key. */
    static long streamIdOf(byte[] key) {
        return readLong(key, 0);
    }

    /** The shard of a record's, chunk's or time index entry's key, or of a seek into a shard. */
    static int shardOf(byte[] key) {
        return java.nio.ByteBuffer.wrap(key).getInt(Long.BYTES);
    }

    /** The name of a metadata record's key. */
    static String streamMetadataNameOf(byte[] key) {
        return new String(key, Long.BYTES, key.length - Long.BYTES, UTF_8);
    }

    /** The first key of a stream, inclusive, in any of the stream families. */
    static byte[] streamStart(long streamId) {
        return queueKey(streamId);
    }

    /** The key just past a stream, exclusive; {@link Long#MAX_VALUE} wraps as in messagesEnd. */
    static byte[] streamEnd(long streamId) {
        return queueKey(streamId + 1);
    }

    /** The first key of a shard's records or time index, inclusive. */
    static byte[] shardStart(long streamId, int shard) {
        byte[] key = new byte[SHARD_PREFIX_LENGTH];
        writeLong(key, 0, streamId);
        writeInt(key, Long.BYTES, shard);
        return key;
    }

    /**
     * The key just past a shard's records or time index, exclusive. For {@link Integer#MAX_VALUE} the next shard wraps
     * to the bytes {@code 80 00 00 00}, which still sort after every non-negative shard of the same stream.
     */
    static byte[] shardEnd(long streamId, int shard) {
        return shardStart(streamId, shard + 1);
    }

    /** A record's key. */
    static byte[] streamRecordKey(long streamId, int shard, SequenceNumber sequence, long arrivalMillis) {
        byte[] key = new byte[STREAM_RECORD_KEY_LENGTH];
        writeLong(key, 0, streamId);
        writeInt(key, Long.BYTES, shard);
        writeSequence(key, SHARD_PREFIX_LENGTH, sequence);
        writeLong(key, SHARD_PREFIX_LENGTH + SequenceNumber.BYTES, arrivalMillis);
        return key;
    }

    /**
     * A chunk's key ({@link RecordChunks}): its last record's key and one byte more, so that a seek to a sequence number
     * finds the chunk that holds it, and the length tells a chunk from a record written alone.
     */
    static byte[] streamChunkKey(long streamId, int shard, SequenceNumber last, long arrivalMillis) {
        byte[] key = java.util.Arrays.copyOf(
                streamRecordKey(streamId, shard, last, arrivalMillis), STREAM_RECORD_KEY_LENGTH + 1);
        key[STREAM_RECORD_KEY_LENGTH] = 1;
        return key;
    }

    /**
     * Where a shard's records from a sequence number begin: the key without its arrival time, which sorts before the
     * record's own key and after every record's below it.
     */
    static byte[] streamRecordSeek(long streamId, int shard, SequenceNumber sequence) {
        byte[] key = new byte[SHARD_PREFIX_LENGTH + SequenceNumber.BYTES];
        writeLong(key, 0, streamId);
        writeInt(key, Long.BYTES, shard);
        writeSequence(key, SHARD_PREFIX_LENGTH, sequence);
        return key;
    }

    static SequenceNumber streamRecordSequenceOf(byte[] key) {
        return readSequence(key, SHARD_PREFIX_LENGTH);
    }

    static long streamRecordArrivalOf(byte[] key) {
        return readLong(key, SHARD_PREFIX_LENGTH + SequenceNumber.BYTES);
    }

    /** A time index entry's key. */
    static byte[] streamTimeKey(long streamId, int shard, long timeMillis, SequenceNumber sequence) {
        byte[] key = new byte[STREAM_RECORD_KEY_LENGTH];
        writeLong(key, 0, streamId);
        writeInt(key, Long.BYTES, shard);
        writeLong(key, SHARD_PREFIX_LENGTH, timeMillis);
        writeSequence(key, SHARD_PREFIX_LENGTH + Long.BYTES, sequence);
        return key;
    }

    /** Where a shard's time index from a time begins: the key without its sequence number. */
    static byte[] streamTimeSeek(long streamId, int shard, long timeMillis) {
        byte[] key = new byte[SHARD_PREFIX_LENGTH + Long.BYTES];
        writeLong(key, 0, streamId);
        writeInt(key, Long.BYTES, shard);
        writeLong(key, SHARD_PREFIX_LENGTH, timeMillis);
        return key;
    }

    static long streamTimeOf(byte[] key) {
        return readLong(key, SHARD_PREFIX_LENGTH);
    }

    static SequenceNumber streamTimeSequenceOf(byte[] key) {
        return readSequence(key, SHARD_PREFIX_LENGTH + Long.BYTES);
    }

    static final int POINT_KEY_LENGTH = Long.BYTES + Integer.BYTES + Long.BYTES;

    /** A point's key: the series id, the period, then the time with its sign bit flipped. */
    static byte[] pointKey(long seriesId, int periodSeconds, long timeSeconds) {
        byte[] key = new byte[POINT_KEY_LENGTH];
        writeLong(key, 0, seriesId);
        writeInt(key, Long.BYTES, periodSeconds);
        writeLong(key, Long.BYTES + Integer.BYTES, timeSeconds ^ Long.MIN_VALUE);
        return key;
    }

    /** The first key of a series' points at one period, inclusive: the key of its earliest possible time. */
    static byte[] pointsStart(long seriesId, int periodSeconds) {
        return pointKey(seriesId, periodSeconds, Long.MIN_VALUE);
    }

    /**
     * The key just past a series' points at one period, exclusive: the next period's prefix. For {@link
     * Integer#MAX_VALUE} the next period wraps to the bytes {@code 80 00 00 00}, which still sort after every positive
     * period of the same series.
     */
    static byte[] pointsEnd(long seriesId, int periodSeconds) {
        byte[] key = new byte[Long.BYTES + Integer.BYTES];
        writeLong(key, 0, seriesId);
        writeInt(key, Long.BYTES, periodSeconds + 1);
        return key;
    }

    /** The first key of a series' points, inclusive, at every period. */
    static byte[] seriesStart(long seriesId) {
        return queueKey(seriesId);
    }

    /** The key just past a series' points, exclusive; {@link Long#MAX_VALUE} wraps as in messagesEnd. */
    static byte[] seriesEnd(long seriesId) {
        return queueKey(seriesId + 1);
    }

    /** The time of a point's key. */
    static long pointTimeOf(byte[] key) {
        return readLong(key, Long.BYTES + Integer.BYTES) ^ Long.MIN_VALUE;
    }

    /** A Firehose record's key: the stream id, then the sequence, both big-endian and non-negative. */
    static byte[] firehoseRecordKey(long streamId, long sequence) {
        return messageKey(streamId, sequence);
    }

    /** The first key of a Firehose stream's records, inclusive. */
    static byte[] firehoseRecordsStart(long streamId) {
        return queueKey(streamId);
    }

    /** The key just past a Firehose stream's records, exclusive; {@link Long#MAX_VALUE} wraps as in messagesEnd. */
    static byte[] firehoseRecordsEnd(long streamId) {
        return queueKey(streamId + 1);
    }

    /** The sequence of a Firehose record's key. */
    static long firehoseSequenceOf(byte[] key) {
        return readLong(key, Long.BYTES);
    }

    private static void writeInt(byte[] target, int offset, int value) {
        for (int i = 0; i < Integer.BYTES; i++) {
            target[offset + i] = (byte) (value >>> (8 * (Integer.BYTES - 1 - i)));
        }
    }

    private static void writeSequence(byte[] target, int offset, SequenceNumber sequence) {
        writeLong(target, offset, sequence.high());
        writeLong(target, offset + Long.BYTES, sequence.low());
    }

    private static SequenceNumber readSequence(byte[] source, int offset) {
        return new SequenceNumber(readLong(source, offset), readLong(source, offset + Long.BYTES));
    }

    /** The smallest key after {@code key} in bytewise order: the key and a zero byte. */
    static byte[] successor(byte[] key) {
        byte[] next = new byte[key.length + 1];
        System.arraycopy(key, 0, next, 0, key.length);
        return next;
    }

    private static void writeLong(byte[] target, int offset, long value) {
        for (int i = 0; i < Long.BYTES; i++) {
            target[offset + i] = (byte) (value >>> (8 * (Long.BYTES - 1 - i)));
        }
    }

    private static long readLong(byte[] source, int offset) {
        long value = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            value = (value << 8) | (source[offset + i] & 0xFF);
        }
        return value;
    }
}
