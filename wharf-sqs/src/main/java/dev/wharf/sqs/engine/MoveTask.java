package dev.wharf.sqs.engine;

import dev.wharf.sqs.api.ListMessageMoveTasksResultEntry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One message movement task: what it moves, where, how fast, and how far it got.
 *
 * <p>A task belongs to its source queue (the dead-letter queue) and is durable as an index record in that queue's
 * reserved range {@link ReservedSequences#MOVE_TASK_FIRST}, rewritten in the same commit as every move it makes.
 *
 * <p>Not thread-safe: the mutable fields are guarded by the source {@link Queue}'s lock.
 */
final class MoveTask {

    /** The statuses that AWS reports; Wharf cancels at once, so it never reports CANCELLING. */
    enum Status {
        RUNNING,
        COMPLETED,
        CANCELLING,
        CANCELLED,
        FAILED
    }

    private static final byte FORMAT_VERSION = 1;
    private static final Pattern HANDLE = Pattern.compile("\\{\"taskId\":\"([^\"]+)\",\"sourceArn\":\"([^\"]+)\"}");

    final UUID taskId;
    final String sourceArn;
    final @Nullable String destinationArn;
    /** The requested rate, or 0 when the request set none. */
    final int maxNumberOfMessagesPerSecond;

    final long startedTimestamp;
    final long approximateNumberOfMessagesToMove;
    /** The source queue's next sequence at the start: only messages below it move. */
    final long endSequence;
    /** The reserved sequence of this task's own index record. */
    final long record;

    Status status;
    long moved;

    @Nullable
    String failureReason;
    /** Every message below this sequence has moved or left the queue. */
    long cursor;

    // Pacing, kept in memory only: thousandths of a message that may move now, and when they were last topped up.
    long allowanceMillis;
    long refilledAt = Long.MIN_VALUE;

    MoveTask(
            UUID taskId,
            String sourceArn,
            @Nullable String destinationArn,
            int maxNumberOfMessagesPerSecond,
            long startedTimestamp,
            long approximateNumberOfMessagesToMove,
            long endSequence,
            long record) {
        this.taskId = taskId;
        this.sourceArn = sourceArn;
        this.destinationArn = destinationArn;
        this.maxNumberOfMessagesPerSecond = maxNumberOfMessagesPerSecond;
        this.startedTimestamp = startedTimestamp;
        this.approximateNumberOfMessagesToMove = approximateNumberOfMessagesToMove;
        this.endSequence = endSequence;
        this.record = record;
        this.status = Status.RUNNING;
    }

    /** AWS's handle format: the base64 of a small JSON document naming the task and its source queue. */
    String taskHandle() {
        String document = "{\"taskId\":\"" + taskId + "\",\"sourceArn\":\"" + sourceArn + "\"}";
        return Base64.getEncoder().encodeToString(document.getBytes(StandardCharsets.UTF_8));
    }

    /** A handle's task id and source ARN, or null when it is not a handle. */
    static String @Nullable [] decodeHandle(String handle) {
        try {
            String document = new String(Base64.getDecoder().decode(handle.trim()), StandardCharsets.UTF_8);
            Matcher matcher = HANDLE.matcher(document);
            return matcher.matches() ? new String[] {matcher.group(1), matcher.group(2)} : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    ListMessageMoveTasksResultEntry entry() {
        return new ListMessageMoveTasksResultEntry(
                status == Status.RUNNING ? taskHandle() : null,
                status.name(),
                sourceArn,
                destinationArn,
                maxNumberOfMessagesPerSecond == 0 ? null : maxNumberOfMessagesPerSecond,
                moved,
                approximateNumberOfMessagesToMove,
                status == Status.FAILED ? failureReason : null,
                startedTimestamp);
    }

    byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT_VERSION);
            out.writeLong(taskId.getMostSignificantBits());
            out.writeLong(taskId.getLeastSignificantBits());
            out.writeUTF(sourceArn);
            writeOptional(out, destinationArn);
            out.writeInt(maxNumberOfMessagesPerSecond);
            out.writeLong(startedTimestamp);
            out.writeLong(approximateNumberOfMessagesToMove);
            out.writeLong(endSequence);
            out.writeByte(status.ordinal());
            out.writeLong(moved);
            writeOptional(out, failureReason);
            out.writeLong(cursor);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static MoveTask decode(long record, byte[] value) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(value))) {
            byte version = in.readByte();
            if (version != FORMAT_VERSION) {
                throw new IllegalStateException("unknown move task record version " + version);
            }
            MoveTask task = new MoveTask(
                    new UUID(in.readLong(), in.readLong()),
                    in.readUTF(),
                    readOptional(in),
                    in.readInt(),
                    in.readLong(),
                    in.readLong(),
                    in.readLong(),
                    record);
            task.status = Status.values()[in.readUnsignedByte()];
            task.moved = in.readLong();
            task.failureReason = readOptional(in);
            task.cursor = in.readLong();
            return task;
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt move task record", e);
        }
    }

    private static void writeOptional(DataOutputStream out, @Nullable String value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeUTF(value);
        }
    }

    private static @Nullable String readOptional(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }
}
