package dev.wharf.sqs.engine;

/**
 * The index sequences that hold records other than messages: the storage SPI keys records by (queue, sequence) only,
 * so a queue's own bookkeeping lives in index records above every message sequence.
 *
 * <p>Messages use sequences from 1 below {@link #FIRST}. Such records have no payload, so {@code DeleteMessage} removes
 * them, {@code DeleteAllMessages} (a purge) removes them too, and a queue's deletion removes them with the queue.
 */
final class ReservedSequences {

    /** The lowest reserved sequence; every message sequence is below it. */
    static final long FIRST = 1L << 62;
    /** FIFO deduplication entries, one record each, numbered from here. */
    static final long DEDUP_FIRST = FIRST;
    /** The end of the deduplication entries' range. */
    static final long DEDUP_END = FIRST + (1L << 60);
    /** Message movement tasks whose source is this queue, one record each, numbered from here. */
    static final long MOVE_TASK_FIRST = DEDUP_END;
    /** The end of the move tasks' range; the rest of the reserved range is free for later records. */
    static final long MOVE_TASK_END = MOVE_TASK_FIRST + (1L << 40);
    /** The next message sequence, so that sequences keep growing over restarts even when the queue is empty. */
    static final long NEXT_SEQUENCE = Long.MAX_VALUE;

    private ReservedSequences() {}

    static boolean isMessage(long sequence) {
        return sequence > 0 && sequence < FIRST;
    }

    static boolean isDedup(long sequence) {
        return sequence >= DEDUP_FIRST && sequence < DEDUP_END;
    }

    static boolean isMoveTask(long sequence) {
        return sequence >= MOVE_TASK_FIRST && sequence < MOVE_TASK_END;
    }

    static byte[] encodeNextSequence(long next) {
        return java.nio.ByteBuffer.allocate(Long.BYTES).putLong(next).array();
    }

    static long decodeNextSequence(byte[] value) {
        return java.nio.ByteBuffer.wrap(value).getLong();
    }
}
