package dev.wharf.sqs.engine;

import java.nio.ByteBuffer;

/**
 * A message's mutable state as the store keeps it: its timers and counters.
 *
 * @param visibleAt when the message is (or was) delivered or becomes visible again, in epoch millis
 * @param firstReceiveTimestamp epoch millis of the first receive, or 0 before it
 */
record IndexRecord(long visibleAt, int receiveCount, long firstReceiveTimestamp, long sentTimestamp) {

    private static final byte FORMAT_VERSION = 1;
    private static final int LENGTH = 1 + 8 + 4 + 8 + 8;

    byte[] encode() {
        return ByteBuffer.allocate(LENGTH)
                .put(FORMAT_VERSION)
                .putLong(visibleAt)
                .putInt(receiveCount)
                .putLong(firstReceiveTimestamp)
                .putLong(sentTimestamp)
                .array();
    }

    static IndexRecord decode(byte[] bytes) {
        if (bytes.length != LENGTH || bytes[0] != FORMAT_VERSION) {
            throw new IllegalStateException("unknown message index record of " + bytes.length + " bytes");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes, 1, LENGTH - 1);
        return new IndexRecord(in.getLong(), in.getInt(), in.getLong(), in.getLong());
    }
}
