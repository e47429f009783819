package dev.wharf.storage;

import java.util.ArrayList;
import java.util.List;

/**
 * The changes of one API call (or one delivery) to a {@link DeliveryStreamStore}, applied atomically and in order by
 * {@link DeliveryStreamStore#commit(DeliveryStreamBatch)}: a later op in the batch sees the effect of every earlier one.
 *
 * <p>Each op checks its arguments when it is made (keys as {@link TopicBatch} checks them, non-negative stream ids and
 * sequences), so no store ever receives a bad one. The batch keeps the value arrays it is given, not copies: they must
 * not change once the batch is submitted.
 *
 * <p>Not thread-safe: one caller builds a batch, then commits it once.
 */
public final class DeliveryStreamBatch {

    /** One change; the closed set that every backend applies. */
    public sealed interface Op {}

    /** Creates or replaces the resource record under a key. */
    public record PutResource(String key, byte[] value) implements Op {
        public PutResource {
            TopicBatch.checkKey(key);
        }
    }

    /** Deletes the resource record under a key; a key without a record is a no-op. */
    public record DeleteResource(String key) implements Op {
        public DeleteResource {
            TopicBatch.checkKey(key);
        }
    }

    /** Deletes every resource record whose key starts with the prefix, which must not be empty. */
    public record DeleteResourcePrefix(String prefix) implements Op {
        public DeleteResourcePrefix {
            if (prefix.isEmpty()) {
                throw new IllegalArgumentException("a prefix to delete must not be empty");
            }
            TopicBatch.checkKey(prefix);
        }
    }

    /** Creates or replaces the record of a stream at a sequence. */
    public record PutRecord(long streamId, long sequence, byte[] value) implements Op {
        public PutRecord {
            checkRecord(streamId, sequence);
        }
    }

    /** Deletes the records of a stream whose sequence is before {@code beforeSequence}. */
    public record DeleteRecordsBefore(long streamId, long beforeSequence) implements Op {
        public DeleteRecordsBefore {
            checkRecord(streamId, beforeSequence);
        }
    }

    /** Deletes every record of a stream. */
    public record DeleteStreamRecords(long streamId) implements Op {
        public DeleteStreamRecords {
            checkRecord(streamId, 0);
        }
    }

    private final List<Op> ops = new ArrayList<>();

    public DeliveryStreamBatch putResource(String key, byte[] value) {
        ops.add(new PutResource(key, value));
        return this;
    }

    public DeliveryStreamBatch deleteResource(String key) {
        ops.add(new DeleteResource(key));
        return this;
    }

    public DeliveryStreamBatch deleteResourcePrefix(String prefix) {
        ops.add(new DeleteResourcePrefix(prefix));
        return this;
    }

    public DeliveryStreamBatch putRecord(long streamId, long sequence, byte[] value) {
        ops.add(new PutRecord(streamId, sequence, value));
        return this;
    }

    public DeliveryStreamBatch deleteRecordsBefore(long streamId, long beforeSequence) {
        ops.add(new DeleteRecordsBefore(streamId, beforeSequence));
        return this;
    }

    public DeliveryStreamBatch deleteStreamRecords(long streamId) {
        ops.add(new DeleteStreamRecords(streamId));
        return this;
    }

    /** The ops in the order they were added. */
    public List<Op> ops() {
        return ops;
    }

    public boolean isEmpty() {
        return ops.isEmpty();
    }

    /**
     * Checks a stream id and sequence as every op and read does, so that backends outside this package check them
     * alike.
     *
     * @throws IllegalArgumentException if the stream id or the sequence is negative
     */
    public static void checkRecord(long streamId, long sequence) {
        if (streamId < 0) {
            throw new IllegalArgumentException("a stream id must not be negative: " + streamId);
        }
        if (sequence < 0) {
            throw new IllegalArgumentException("a sequence must not be negative: " + sequence);
        }
    }
}
