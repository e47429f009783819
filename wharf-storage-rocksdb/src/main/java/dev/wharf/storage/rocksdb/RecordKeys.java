package dev.wharf.storage.rocksdb;

/**
 * Encodes the keys of the column families: a queue is 8 big-endian bytes of its id, and a message is 8 bytes of its
 * queue id followed by 8 of its sequence.
 *
 * <p>Big-endian bytes sort like the numbers they encode as long as the numbers are non-negative, which is why {@link
 * RocksDbStorageEngine} rejects negative ids and sequences. A queue's messages are then one contiguous key range, from
 * {@link #messagesStart} up to {@link #messagesEnd}.
 */
final class RecordKeys {

    static final int QUEUE_KEY_LENGTH = Long.BYTES;
    static final int MESSAGE_KEY_LENGTH = 2 * Long.BYTES;

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
