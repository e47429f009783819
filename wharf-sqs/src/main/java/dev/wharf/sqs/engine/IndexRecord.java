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
 * @param arrivalTimestamp when the message came into this queue, in epoch millis: its sentTimestamp, unless a
 *     RedrivePolicy moved it here, which ApproximateAgeOfOldestMessage counts from
 * @param arrivalReceiveCount its receive count when it came into this queue: 0, unless a RedrivePolicy moved it here
 */
record IndexRecord(
        long visibleAt,
        int receiveCount,
        long firstReceiveTimestamp,
        long sentTimestamp,
        @Nullable String messageGroupId,
        long arrivalTimestamp,
        int arrivalReceiveCount) {

    private static final byte FORMAT_VERSION = 1;
    /** Version 1 followed by the message group's UTF-8 bytes. */
    private static final byte FORMAT_VERSION_GROUP = 3;
    /** Version 1 followed by the arrival's timestamp and receive count, for a message moved in by a redrive. */
    private static final byte FORMAT_VERSION_MOVED = 5;
    /** Version 5 followed by the message group's UTF-8 bytes. */
    private static final byte FORMAT_VERSION_MOVED_GROUP = 7;

    private static final int LENGTH = 1 + 8 + 4 + 8 + 8;
    private static final int ARRIVAL_LENGTH = 8 + 4;

    IndexRecord(long visibleAt, int receiveCount, long firstReceiveTimestamp, long sentTimestamp) {
        this(visibleAt, receiveCount, firstReceiveTimestamp, sentTimestamp, null);
    }

    /** A message that came into its queue when it was sent. */
    IndexRecord(
            long visibleAt,
            int receiveCount,
            long firstReceiveTimestamp,
            long sentTimestamp,
            @Nullable String messageGroupId) {
        this(visibleAt, receiveCount, firstReceiveTimestamp, sentTimestamp, messageGroupId, sentTimestamp, 0);
    }

    IndexRecord withTimers(long newVisibleAt, int newReceiveCount, long newFirstReceiveTimestamp) {
        return new IndexRecord(
                newVisibleAt,
                newReceiveCount,
                newFirstReceiveTimestamp,
                sentTimestamp,
                messageGroupId,
                arrivalTimestamp,
                arrivalReceiveCount);
    }

    IndexRecord withMessageGroupId(@Nullable String groupId) {
        return new IndexRecord(
                visibleAt,
                receiveCount,
                firstReceiveTimestamp,
                sentTimestamp,
                groupId,
                arrivalTimestamp,
                arrivalReceiveCount);
    }

    /** The record of this message moved into another queue at {@code now}, with the receive count it has. */
    IndexRecord movedAt(long now) {
        return new IndexRecord(
                visibleAt, receiveCount, firstReceiveTimestamp, sentTimestamp, messageGroupId, now, receiveCount);
    }

    /** Whether a redrive moved the message into its queue, so that its arrival differs from its send. */
    boolean moved() {
        return arrivalTimestamp != sentTimestamp || arrivalReceiveCount != 0;
    }

    byte[] encode() {
        byte[] group = messageGroupId == null ? new byte[0] : messageGroupId.getBytes(StandardCharsets.UTF_8);
        boolean moved = moved();
        byte version = moved
                ? (messageGroupId == null ? FORMAT_VERSION_MOVED : FORMAT_VERSION_MOVED_GROUP)
                : (messageGroupId == null ? FORMAT_VERSION : FORMAT_VERSION_GROUP);
        ByteBuffer out = ByteBuffer.allocate(LENGTH + (moved ? ARRIVAL_LENGTH : 0) + group.length)
                .put(version)
                .putLong(visibleAt)
                .putInt(receiveCount)
                .putLong(firstReceiveTimestamp)
                .putLong(sentTimestamp);
        if (moved) {
            out.putLong(arrivalTimestamp).putInt(arrivalReceiveCount);
        }
        return out.put(group).array();
    }

    static IndexRecord decode(byte[] bytes) {
        byte version = bytes.length == 0 ? 0 : bytes[0];
        boolean moved = version == FORMAT_VERSION_MOVED || version == FORMAT_VERSION_MOVED_GROUP;
        int fixed = LENGTH + (moved ? ARRIVAL_LENGTH : 0);
        boolean valid = ((version == FORMAT_VERSION || version == FORMAT_VERSION_MOVED) && bytes.length == fixed)
                || ((version == FORMAT_VERSION_GROUP || version == FORMAT_VERSION_MOVED_GROUP) && bytes.length > fixed);
        if (!valid) {
            throw new IllegalStateException("unknown message index record of " + bytes.length + " bytes");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes, 1, fixed - 1);
        long visibleAt = in.getLong();
        int receiveCount = in.getInt();
        long firstReceiveTimestamp = in.getLong();
        long sentTimestamp = in.getLong();
        long arrivalTimestamp = moved ? in.getLong() : sentTimestamp;
        int arrivalReceiveCount = moved ? in.getInt() : 0;
        String group =
                bytes.length > fixed ? new String(bytes, fixed, bytes.length - fixed, StandardCharsets.UTF_8) : null;
        return new IndexRecord(
                visibleAt,
                receiveCount,
                firstReceiveTimestamp,
                sentTimestamp,
                group,
                arrivalTimestamp,
                arrivalReceiveCount);
    }
}
