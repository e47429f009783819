package dev.wharf.sqs.engine;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * A message's mutable state as the store keeps it: its timers and counters, and on FIFO queues its message group, so
 * that a restart rebuilds the groups without reading payloads.
 *
 * @param visibleAt when the message is (or was) delivered or becomes visible again, in epoch millis
 * @param firstReceiveTimestamp epoch millis of the first receive, or 0 before it
 * @param messageGroupId the message group on a FIFO queue, else null
 */
record IndexRecord(
        long visibleAt,
        int receiveCount,
        long firstReceiveTimestamp,
        long sentTimestamp,
        @Nullable String messageGroupId) {

    private static final byte FORMAT_VERSION = 1;
    /** Version 1 followed by the message group's UTF-8 bytes. */
    private static final byte FORMAT_VERSION_GROUP = 3;

    private static final int LENGTH = 1 + 8 + 4 + 8 + 8;

    IndexRecord(long visibleAt, int receiveCount, long firstReceiveTimestamp, long sentTimestamp) {
        this(visibleAt, receiveCount, firstReceiveTimestamp, sentTimestamp, null);
    }

    IndexRecord withTimers(long newVisibleAt, int newReceiveCount, long newFirstReceiveTimestamp) {
        return new IndexRecord(newVisibleAt, newReceiveCount, newFirstReceiveTimestamp, sentTimestamp, messageGroupId);
    }

    byte[] encode() {
        byte[] group = messageGroupId == null ? new byte[0] : messageGroupId.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(LENGTH + group.length)
                .put(messageGroupId == null ? FORMAT_VERSION : FORMAT_VERSION_GROUP)
                .putLong(visibleAt)
                .putInt(receiveCount)
                .putLong(firstReceiveTimestamp)
                .putLong(sentTimestamp)
                .put(group)
                .array();
    }

    static IndexRecord decode(byte[] bytes) {
        boolean valid = (bytes.length == LENGTH && bytes[0] == FORMAT_VERSION)
                || (bytes.length > LENGTH && bytes[0] == FORMAT_VERSION_GROUP);
        if (!valid) {
            throw new IllegalStateException("unknown message index record of " + bytes.length + " bytes");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes, 1, LENGTH - 1);
        String group =
                bytes.length > LENGTH ? new String(bytes, LENGTH, bytes.length - LENGTH, StandardCharsets.UTF_8) : null;
        return new IndexRecord(in.getLong(), in.getInt(), in.getLong(), in.getLong(), group);
    }
}
