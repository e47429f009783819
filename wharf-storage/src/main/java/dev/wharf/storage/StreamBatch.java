package dev.wharf.storage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The changes of one Kinesis Data Streams API call to a {@link StreamStore}, applied atomically and in order by {@link
 * StreamStore#commit(StreamBatch)}: a later op in the batch sees the effect of every earlier one. PutRecords is one
 * batch of appends across the shards of its stream, with the metadata it changes.
 *
 * <p>Each op checks its arguments when it is made: a negative stream id, shard or arrival time, or a metadata name that
 * is empty or not well-formed UTF-16, is an {@link IllegalArgumentException} there, so no store ever receives one (the
 * durable backend writes ids, shards and times as big-endian bytes, which sort like the numbers only when they are
 * non-negative, and names as UTF-8). Within one batch the appends to one shard must ascend in sequence number and not
 * go back in arrival time; {@link #append} rejects one that does, and the engine keeps that order across batches too,
 * because the time index relies on it (see {@link StreamStore}). The batch keeps the arrays it is given, not copies:
 * they must not change once the batch is submitted.
 *
 * <p>Not thread-safe: one caller builds a batch, then commits it once.
 */
public final class StreamBatch {

    /** One change; the closed set that every backend applies. */
    public sealed interface Op {}

    /** Writes one metadata record of a stream under its name, replacing one already there. */
    public record PutMetadata(long streamId, String name, byte[] value) implements Op {
        public PutMetadata {
            checkStream(streamId);
            checkName(name);
        }
    }

    /** Deletes one metadata record of a stream; a missing one is a no-op. */
    public record DeleteMetadata(long streamId, String name) implements Op {
        public DeleteMetadata {
            checkStream(streamId);
            checkName(name);
        }
    }

    /** Appends one record to a shard under its sequence number, with its arrival time for the time index. */
    public record Append(long streamId, int shard, SequenceNumber sequence, long arrivalMillis, byte[] data)
            implements Op {
        public Append {
            checkShard(streamId, shard);
            if (arrivalMillis < 0) {
                throw new IllegalArgumentException("arrival times must be non-negative: " + arrivalMillis);
            }
        }
    }

    /** Deletes every record of a shard and its time index, such as a closed shard past its retention. */
    public record DeleteShard(long streamId, int shard) implements Op {
        public DeleteShard {
            checkShard(streamId, shard);
        }
    }

    /** Deletes everything of a stream: its metadata, and every shard's records and time index (DeleteStream). */
    public record DeleteStream(long streamId) implements Op {
        public DeleteStream {
            checkStream(streamId);
        }
    }

    /** A shard of a stream, as the key of {@link #lastAppends}. */
    private record Shard(long streamId, int shard) {}

    private final List<Op> ops = new ArrayList<>();

    /** The last append of this batch to each shard, to check that the next one comes after it. */
    private final Map<Shard, Append> lastAppends = new HashMap<>();

    public StreamBatch putMetadata(long streamId, String name, byte[] value) {
        ops.add(new PutMetadata(streamId, name, value));
        return this;
    }

    public StreamBatch deleteMetadata(long streamId, String name) {
        ops.add(new DeleteMetadata(streamId, name));
        return this;
    }

    /**
     * Appends a record to a shard.
     *
     * @throws IllegalArgumentException for a negative stream id, shard or arrival time, or if this batch appended to
     *     the shard already at a sequence number not below this one or at a later arrival time
     */
    public StreamBatch append(long streamId, int shard, SequenceNumber sequence, long arrivalMillis, byte[] data) {
        Append append = new Append(streamId, shard, sequence, arrivalMillis, data);
        Append previous = lastAppends.put(new Shard(streamId, shard), append);
        if (previous != null
                && (previous.sequence().compareTo(sequence) >= 0 || previous.arrivalMillis() > arrivalMillis)) {
            lastAppends.put(new Shard(streamId, shard), previous);
            throw new IllegalArgumentException("appends to shard " + streamId + "/" + shard
                    + " must ascend in sequence and arrival time: " + sequence + " at " + arrivalMillis + " after "
                    + previous.sequence() + " at " + previous.arrivalMillis());
        }
        ops.add(append);
        return this;
    }

    public StreamBatch deleteShard(long streamId, int shard) {
        ops.add(new DeleteShard(streamId, shard));
        return this;
    }

    public StreamBatch deleteStream(long streamId) {
        ops.add(new DeleteStream(streamId));
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
     * Checks a stream id as every op and read does.
     *
     * @throws IllegalArgumentException if it is negative
     */
    public static void checkStream(long streamId) {
        if (streamId < 0) {
            throw new IllegalArgumentException("stream ids must be non-negative: " + streamId);
        }
    }

    /**
     * Checks a stream id and a shard as every op and read does.
     *
     * @throws IllegalArgumentException if either is negative
     */
    public static void checkShard(long streamId, int shard) {
        checkStream(streamId);
        if (shard < 0) {
            throw new IllegalArgumentException("shards must be non-negative: " + streamId + "/" + shard);
        }
    }

    /**
     * Checks a metadata record's name as every op and read does.
     *
     * @throws IllegalArgumentException if it is empty or holds an unpaired surrogate
     */
    public static void checkName(String name) {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a stream metadata name must not be empty");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < name.length() && Character.isLowSurrogate(name.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException("a stream metadata name must be well-formed UTF-16");
            }
        }
    }

    /**
     * Checks the limits of a {@link StreamStore#read}.
     *
     * @throws IllegalArgumentException if either is below 1
     */
    public static void checkReadLimits(int maxRecords, long maxBytes) {
        if (maxRecords < 1 || maxBytes < 1) {
            throw new IllegalArgumentException(
                    "read limits must be at least 1: " + maxRecords + " records, " + maxBytes + " bytes");
        }
    }
}
