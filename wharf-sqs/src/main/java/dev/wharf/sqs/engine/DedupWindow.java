package dev.wharf.sqs.engine;

import dev.wharf.storage.QueueBatch;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A FIFO queue's deduplication window: which deduplication ids were sent in the last five minutes, and the message
 * each one enqueued, whether or not that message is still in the queue.
 *
 * <p>Each entry is durable as an index record in the reserved range {@link ReservedSequences#DEDUP_FIRST}, written in
 * the same commit as the message it describes, and deleted by a later send's commit once it has expired. Entries
 * expire in the order they were made, so expiry pops them from the front of one deque.
 *
 * <p>Not thread-safe: the owning {@link Queue}'s lock must be held for every call.
 */
final class DedupWindow {

    /** AWS's deduplication interval. */
    static final long WINDOW_MILLIS = 5 * 60 * 1_000L;
    /** Bounds the expired entries that one call deletes. */
    private static final int EXPIRY_STEPS_MAX = 10_000;

    private static final byte FORMAT_VERSION = 2;

    /**
     * One deduplication id and the message it enqueued.
     *
     * @param key the deduplication id, prefixed with the message group under the {@code messageGroup} scope
     * @param sequence the message's sequence, which is also its SequenceNumber
     * @param record the reserved sequence of this entry's own index record
     */
    record Entry(String key, UUID messageId, long sequence, long expiresAt, long record) {

        byte[] encode() {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + key.length());
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeByte(FORMAT_VERSION);
                out.writeLong(messageId.getMostSignificantBits());
                out.writeLong(messageId.getLeastSignificantBits());
                out.writeLong(sequence);
                out.writeLong(expiresAt);
                out.writeUTF(key);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return bytes.toByteArray();
        }

        static Entry decode(long record, byte[] value) {
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(value))) {
                byte version = in.readByte();
                if (version != FORMAT_VERSION) {
                    throw new IllegalStateException("unknown deduplication record version " + version);
                }
                UUID messageId = new UUID(in.readLong(), in.readLong());
                long sequence = in.readLong();
                long expiresAt = in.readLong();
                return new Entry(in.readUTF(), messageId, sequence, expiresAt, record);
            } catch (IOException e) {
                throw new UncheckedIOException("corrupt deduplication record", e);
            }
        }
    }

    private final Map<String, Entry> byKey = new HashMap<>();
    private final ArrayDeque<Entry> byAge = new ArrayDeque<>();
    private long nextRecord = ReservedSequences.DEDUP_FIRST;

    /** The key of a deduplication id under the queue's scope. */
    static String key(String deduplicationId, String groupId, boolean groupScope) {
        return groupScope ? groupId + '\u0000' + deduplicationId : deduplicationId;
    }

    int size() {
        return byKey.size();
    }

    /** The live entry for a key, or null. */
    @Nullable
    Entry find(String key, long now) {
        Entry entry = byKey.get(key);
        return entry == null || entry.expiresAt() <= now ? null : entry;
    }

    /** Makes an entry for a message about to be committed; {@link #add} it once the commit returned. */
    Entry next(String key, UUID messageId, long sequence, long now) {
        return new Entry(key, messageId, sequence, now + WINDOW_MILLIS, nextRecord++);
    }

    void add(Entry entry) {
        byKey.put(entry.key(), entry);
        byAge.addLast(entry);
    }

    /** Forgets expired entries, and deletes their records in {@code batch}. */
    void expire(long queueId, long now, QueueBatch batch) {
        for (int step = 0; step < EXPIRY_STEPS_MAX && !byAge.isEmpty(); step++) {
            Entry oldest = byAge.peekFirst();
            if (oldest.expiresAt() > now) {
                return;
            }
            byAge.pollFirst();
            byKey.remove(oldest.key(), oldest);
            batch.deleteMessage(queueId, oldest.record());
        }
    }

    /** Restores an entry from its record at start; expired ones are deleted in {@code batch}. */
    void load(long queueId, long record, byte[] value, long now, QueueBatch batch) {
        nextRecord = Math.max(nextRecord, record + 1);
        Entry entry = Entry.decode(record, value);
        if (entry.expiresAt() <= now) {
            batch.deleteMessage(queueId, record);
        } else {
            add(entry);
        }
    }

    /** The highest message sequence that a live entry names, or 0. */
    long maxSequence() {
        long max = 0;
        for (Entry entry : byAge) {
            max = Math.max(max, entry.sequence());
        }
        return max;
    }

    /** Forgets every entry; a purge deletes their records. */
    void clear() {
        byKey.clear();
        byAge.clear();
    }
}
