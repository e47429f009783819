package dev.wharf.storage.rocksdb;

import static java.nio.charset.StandardCharsets.UTF_8;

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
                    "a topic store key must be well-formed UTF-16: it holds an unpaired surrogate", e);
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
