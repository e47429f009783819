package dev.wharf.sns.engine;

import dev.wharf.sns.api.MessageAttributeValue;
import dev.wharf.sns.api.SentMessage;
import dev.wharf.sns.api.SnsLimits;
import dev.wharf.storage.PendingCommit;
import dev.wharf.storage.TopicBatch;
import dev.wharf.storage.TopicStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * Keeps every SMS and every push notification that SNS sends, durably, where a carrier or a push service would have
 * received them, so that a test can read them back and clear them (over HTTP, at LocalStack's paths).
 *
 * <p>Each box is bounded: at most {@link SnsLimits#SENT_MESSAGES_MAX} messages and {@link
 * SnsLimits#SENT_MESSAGES_BYTES_MAX} bytes, beyond which the oldest go first, in the same batch that adds the new ones.
 * A message is a record under {@code mo/sms/} or {@code mo/push/}, then its number (20 digits, so that keys sort by
 * age), its account and its phone number or endpoint ARN; the engine keeps only the keys in memory, rebuilt at start by
 * one scan, and reads a message's record when a test asks for it.
 *
 * <p>Thread-safe: each box's additions and removals are ordered by its lock, and wait for durability after letting go
 * of it, as the store keeps the order in which batches were submitted.
 */
final class Outboxes {

    /** The two boxes: SMS for phone numbers, push notifications for platform endpoints. */
    enum Kind {
        SMS("mo/sms/", "mo/fwd/sms"),
        PUSH("mo/push/", "mo/fwd/push");

        final String prefix;
        /** The record of the last message that the kind's webhook has had. */
        final String forwardedKey;

        Kind(String prefix, String forwardedKey) {
            this.prefix = prefix;
            this.forwardedKey = forwardedKey;
        }
    }

    /** One message of a box, by its number. */
    record Numbered(long number, Stored message) {}

    /** A message as the store keeps it. */
    record Stored(
            String accountId,
            String target,
            @Nullable String topicArn,
            @Nullable String subscriptionArn,
            String messageId,
            String message,
            LinkedHashMap<String, MessageAttributeValue> attributes,
            @Nullable String messageStructure,
            @Nullable String subject,
            long timestampMillis) {

        SentMessage sent() {
            return new SentMessage(
                    target, topicArn, subscriptionArn, messageId, message, attributes, messageStructure, subject);
        }
    }

    /** What memory keeps of one message: enough to find it, filter it and bound its box. */
    private record Entry(String key, String accountId, String target, int bytes) {}

    /** One box's index; its fields are guarded by {@link #lock}, except that readers iterate the concurrent map. */
    private static final class Box {
        final ReentrantLock lock = new ReentrantLock();
        final ConcurrentSkipListMap<Long, Entry> entries = new ConcurrentSkipListMap<>();
        long next;
        long bytes;
        /** The number of the last message the webhook has had, or -1. */
        volatile long forwarded = -1;
        /** Told of every addition, once it is durable. */
        volatile Runnable onAdded = () -> {};
    }

    private final TopicStore store;
    private final Map<Kind, Box> boxes = new java.util.EnumMap<>(Kind.class);

    Outboxes(TopicStore store) {
        this.store = store;
        for (Kind kind : Kind.values()) {
            boxes.put(kind, new Box());
        }
    }

    /** Rebuilds both indexes from the keys at start. */
    void restore() {
        for (Kind kind : Kind.values()) {
            Box box = box(kind);
            store.scan(kind.prefix, (key, value) -> {
                String[] parts = key.substring(kind.prefix.length()).split("/", 3);
                if (parts.length == 3) {
                    long number = Long.parseLong(parts[0]);
                    box.entries.put(number, new Entry(key, parts[1], parts[2], value.length));
                    box.bytes += value.length;
                    box.next = Math.max(box.next, number + 1);
                }
            });
            byte[] forwarded = store.read(kind.forwardedKey);
            if (forwarded != null) {
                box.forwarded = Long.parseLong(new String(forwarded, java.nio.charset.StandardCharsets.US_ASCII));
                // Numbers never go back, even when every message was cleared, so none comes before the cursor.
                box.next = Math.max(box.next, box.forwarded + 1);
            }
        }
    }

    /** Calls {@code listener} after each durable addition to a box; one listener per box. */
    void onAdded(Kind kind, Runnable listener) {
        box(kind).onAdded = listener;
    }

    /** The first message after the last one forwarded, or null when there is none (yet). */
    @Nullable
    Numbered nextToForward(Kind kind) {
        Box box = box(kind);
        for (Map.Entry<Long, Entry> entry = box.entries.higherEntry(box.forwarded);
                entry != null;
                entry = box.entries.higherEntry(entry.getKey())) {
            byte[] value = store.read(entry.getValue().key());
            if (value != null) {
                return new Numbered(entry.getKey(), SnsRecords.decode(value, Stored.class));
            }
        }
        return null;
    }

    /** Records that the webhook has had every message up to {@code number}; not waited for (at least once). */
    void forwarded(Kind kind, long number) {
        box(kind).forwarded = number;
        store.submit(new TopicBatch()
                .put(kind.forwardedKey, Long.toString(number).getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    }

    /** Adds messages to a box, dropping its oldest beyond the bounds; returns once they are durable. */
    void add(Kind kind, List<Stored> messages) {
        if (messages.isEmpty()) {
            return;
        }
        Box box = box(kind);
        PendingCommit pending;
        box.lock.lock();
        try {
            TopicBatch batch = new TopicBatch();
            for (Stored message : messages) {
                long number = box.next++;
                String key = kind.prefix + String.format(Locale.ROOT, "%020d", number) + "/" + message.accountId() + "/"
                        + message.target();
                byte[] value = SnsRecords.encode(message);
                batch.put(key, value);
                box.entries.put(number, new Entry(key, message.accountId(), message.target(), value.length));
                box.bytes += value.length;
            }
            while (box.entries.size() > SnsLimits.SENT_MESSAGES_MAX || box.bytes > SnsLimits.SENT_MESSAGES_BYTES_MAX) {
                Map.Entry<Long, Entry> oldest = box.entries.pollFirstEntry();
                if (oldest == null) {
                    break;
                }
                box.bytes -= oldest.getValue().bytes();
                batch.delete(oldest.getValue().key());
            }
            pending = store.submit(batch);
        } finally {
            box.lock.unlock();
        }
        pending.await();
        box.onAdded.run();
    }

    /** The messages of an account, oldest first, to one target or to all. */
    List<SentMessage> list(Kind kind, String accountId, @Nullable String target) {
        List<SentMessage> out = new ArrayList<>();
        for (Entry entry : box(kind).entries.values()) {
            if (!matches(entry, accountId, target)) {
                continue;
            }
            byte[] value = store.read(entry.key());
            if (value != null) {
                out.add(SnsRecords.decode(value, Stored.class).sent());
            }
        }
        return out;
    }

    /** Clears the messages of an account, to one target or to all. */
    void clear(Kind kind, String accountId, @Nullable String target) {
        Box box = box(kind);
        PendingCommit pending;
        box.lock.lock();
        try {
            TopicBatch batch = new TopicBatch();
            for (Map.Entry<Long, Entry> entry : box.entries.entrySet()) {
                if (matches(entry.getValue(), accountId, target)) {
                    batch.delete(entry.getValue().key());
                    box.bytes -= entry.getValue().bytes();
                    box.entries.remove(entry.getKey());
                }
            }
            pending = store.submit(batch);
        } finally {
            box.lock.unlock();
        }
        pending.await();
    }

    private static boolean matches(Entry entry, String accountId, @Nullable String target) {
        return entry.accountId().equals(accountId)
                && (target == null || entry.target().equals(target));
    }

    private Box box(Kind kind) {
        return java.util.Objects.requireNonNull(boxes.get(kind));
    }
}
