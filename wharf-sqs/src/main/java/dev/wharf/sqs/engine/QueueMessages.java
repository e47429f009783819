package dev.wharf.sqs.engine;

import dev.wharf.common.AwsException;
import dev.wharf.sqs.api.MessageAttributeValue;
import dev.wharf.sqs.api.QueueAttributeName;
import dev.wharf.sqs.api.SqsError;
import dev.wharf.sqs.api.SqsLimits;
import dev.wharf.storage.QueueBatch;
import dev.wharf.storage.QueueStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Runs message operations on one queue at a time: every call takes the queue's lock, commits one {@link QueueBatch}
 * and changes the in-memory index only once the commit has returned.
 *
 * <p>Timers are evaluated lazily against the clock when a queue is read; the only waiting is a long poll's bounded
 * wait on the queue's condition, which send, visibility changes, purge and deletion signal.
 */
final class QueueMessages {

    /** A message checked and encoded for sending. */
    record Outgoing(
            MessagePayload payload,
            int delaySeconds,
            String md5OfMessageBody,
            @Nullable String md5OfMessageAttributes,
            @Nullable String md5OfMessageSystemAttributes) {}

    /** A message that a receive took, with its state after the receive. */
    record Received(long sequence, int receiveCount, long sentTimestamp, long firstReceiveTimestamp) {}

    /** How many messages a queue holds, by state. */
    record Counts(int visible, int notVisible, int delayed) {}

    /** Bounds the work one call spends deleting messages past their retention period. */
    private static final int EXPIRY_STEPS_MAX = 100_000;

    private final QueueStore store;
    private final Clock clock;

    QueueMessages(QueueStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Rebuilds a queue's index from the store. Called once, before the queue is shared. */
    void rebuild(Queue queue) {
        long now = clock.millis();
        long[] bounds = {Long.MAX_VALUE, 0};
        queue.lock.lock();
        try {
            store.scanIndex(queue.queueId(), (sequence, value) -> {
                queue.index.add(sequence, IndexRecord.decode(value), now);
                bounds[0] = Math.min(bounds[0], sequence);
                bounds[1] = Math.max(bounds[1], sequence);
            });
            queue.nextSequence = bounds[1] + 1;
            queue.retentionCursor = bounds[0] == Long.MAX_VALUE ? queue.nextSequence : bounds[0];
        } finally {
            queue.lock.unlock();
        }
    }

    /** Checks a message against the queue's settings and encodes it; throws AWS's error when it is not valid. */
    Outgoing prepare(
            Queue queue,
            String senderId,
            @Nullable String body,
            @Nullable Integer delaySeconds,
            @Nullable Map<String, MessageAttributeValue> attributes,
            @Nullable Map<String, dev.wharf.sqs.api.MessageSystemAttributeValue> systemAttributes,
            @Nullable String messageGroupId) {
        QueueMetadata metadata = queue.metadata();
        String checkedBody = MessageRules.body(body);
        int delay = MessageRules.delaySeconds(delaySeconds, metadata.intAttribute(QueueAttributeName.DelaySeconds));
        Map<String, MessageAttributeValue> checkedAttributes = MessageRules.attributes(attributes);
        Map<String, MessageAttributeValue> checkedSystem = MessageRules.systemAttributes(systemAttributes);
        MessageRules.messageSize(
                MessageRules.messageSize(checkedBody, checkedAttributes),
                metadata.intAttribute(QueueAttributeName.MaximumMessageSize));
        MessageAttributeValue traceHeader = checkedSystem.get("AWSTraceHeader");
        MessagePayload payload = new MessagePayload(
                randomMessageId(),
                senderId,
                checkedBody,
                checkedAttributes,
                traceHeader == null ? null : traceHeader.stringValue(),
                messageGroupId == null || messageGroupId.isEmpty() ? null : messageGroupId);
        return new Outgoing(
                payload,
                delay,
                MessageAttributesMd5.ofBody(checkedBody),
                MessageAttributesMd5.ofAttributes(checkedAttributes),
                MessageAttributesMd5.ofAttributes(checkedSystem));
    }

    private static UUID randomMessageId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }

    /** Enqueues messages in one commit. */
    void send(Queue queue, List<Outgoing> messages) {
        if (messages.isEmpty()) {
            return;
        }
        queue.lock.lock();
        try {
            requireLive(queue);
            long now = clock.millis();
            long first = queue.nextSequence;
            QueueBatch batch = new QueueBatch();
            IndexRecord[] records = new IndexRecord[messages.size()];
            for (int i = 0; i < records.length; i++) {
                Outgoing message = messages.get(i);
                records[i] = new IndexRecord(now + message.delaySeconds() * 1000L, 0, 0, now);
                batch.putPayload(queue.queueId(), first + i, message.payload().encode());
                batch.putIndex(queue.queueId(), first + i, records[i].encode());
            }
            store.commit(batch);
            queue.nextSequence = first + records.length;
            for (int i = 0; i < records.length; i++) {
                queue.index.add(first + i, records[i], now);
            }
            // Delayed messages wake waiters too, so that they shorten their wait to the delay's end.
            queue.changed.signalAll();
        } finally {
            queue.lock.unlock();
        }
    }

    /**
     * Takes up to {@code max} messages and hides them for {@code visibilitySeconds}, waiting up to {@code waitSeconds}
     * for one to become receivable.
     */
    List<Received> receive(Queue queue, int max, int visibilitySeconds, int waitSeconds) {
        queue.lock.lock();
        try {
            long waitUntil = clock.millis() + waitSeconds * 1000L;
            long purges = queue.purges;
            while (!queue.deleted && queue.purges == purges) {
                long now = clock.millis();
                QueueBatch batch = new QueueBatch();
                expire(queue, now, batch);
                queue.index.promote(now);
                int allowed = Math.min(max, SqsLimits.IN_FLIGHT_STANDARD_MAX - queue.index.inFlightCount());
                if (allowed <= 0 && waitSeconds == 0) {
                    store.commit(batch);
                    throw SqsError.OverLimit.with("Too many messages have been received without being deleted."
                            + " Please delete your received messages or let them timeout before receiving more.");
                }
                long[] taken = allowed > 0 ? queue.index.take(allowed) : new long[0];
                if (taken.length > 0) {
                    return onReceive(queue, batch, taken, now, now + visibilitySeconds * 1000L);
                }
                store.commit(batch);
                long remaining = waitUntil - now;
                if (remaining <= 0) {
                    break;
                }
                long nextTimer = queue.index.nextTimer();
                long wait = nextTimer == Long.MAX_VALUE ? remaining : Math.min(remaining, Math.max(1, nextTimer - now));
                if (!await(queue, wait)) {
                    break;
                }
            }
            return List.of();
        } finally {
            queue.lock.unlock();
        }
    }

    /** Lock must be held. Returns false when the thread was interrupted. */
    private static boolean await(Queue queue, long millis) {
        queue.waiting++;
        try {
            queue.changed.await(millis, TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            queue.waiting--;
        }
    }

    /** Lock must be held. */
    private List<Received> onReceive(Queue queue, QueueBatch batch, long[] taken, long now, long until) {
        List<Received> received = new ArrayList<>(taken.length);
        for (long sequence : taken) {
            int slot = queue.index.slot(sequence);
            IndexRecord before = queue.index.record(slot);
            IndexRecord after = new IndexRecord(
                    until,
                    before.receiveCount() + 1,
                    before.firstReceiveTimestamp() == 0 ? now : before.firstReceiveTimestamp(),
                    before.sentTimestamp());
            batch.putIndex(queue.queueId(), sequence, after.encode());
            received.add(
                    new Received(sequence, after.receiveCount(), after.sentTimestamp(), after.firstReceiveTimestamp()));
        }
        try {
            store.commit(batch);
        } catch (RuntimeException e) {
            queue.index.untake(taken);
            throw e;
        }
        for (long sequence : taken) {
            queue.index.onReceive(sequence, now, until);
        }
        if (until <= now) {
            queue.changed.signalAll();
        }
        return received;
    }

    /**
     * Deletes messages older than the queue's retention period, in sequence order, into {@code batch}.
     *
     * <p>Lock must be held. They leave the index at once: a message past retention is gone whether or not the batch
     * commits, and the next call deletes it from the store if this one did not.
     */
    private static void expire(Queue queue, long now, QueueBatch batch) {
        long retentionMillis = queue.metadata().intAttribute(QueueAttributeName.MessageRetentionPeriod) * 1000L;
        for (int step = 0; step < EXPIRY_STEPS_MAX && queue.retentionCursor < queue.nextSequence; step++) {
            long sequence = queue.retentionCursor;
            int slot = queue.index.slot(sequence);
            if (slot >= 0) {
                if (queue.index.sentTimestamp(slot) + retentionMillis > now) {
                    return;
                }
                batch.deleteMessage(queue.queueId(), sequence);
                queue.index.remove(sequence);
            }
            queue.retentionCursor++;
        }
    }

    /** Reads a received message's payload, or null when it was deleted meanwhile. */
    @Nullable
    MessagePayload payload(Queue queue, long sequence) {
        byte[] bytes = store.readPayload(queue.queueId(), sequence);
        return bytes == null ? null : MessagePayload.decode(bytes);
    }

    /** Deletes the message that a receipt handle names; a handle of a message already deleted is accepted. */
    void delete(Queue queue, String receiptHandle) {
        ReceiptHandle handle = handle(queue, receiptHandle);
        queue.lock.lock();
        try {
            requireLive(queue);
            // On a standard queue AWS deletes the message even with a handle from an earlier receive.
            if (queue.index.slot(handle.sequence()) < 0) {
                return;
            }
            store.commit(new QueueBatch().deleteMessage(queue.queueId(), handle.sequence()));
            queue.index.remove(handle.sequence());
        } finally {
            queue.lock.unlock();
        }
    }

    /** Deletes the messages of well-formed handles in one commit; returns, per handle, null or its error. */
    List<@Nullable AwsException> deleteAll(Queue queue, List<String> receiptHandles) {
        List<@Nullable AwsException> errors = new ArrayList<>(receiptHandles.size());
        List<Long> sequences = new ArrayList<>();
        for (String receiptHandle : receiptHandles) {
            try {
                sequences.add(handle(queue, receiptHandle).sequence());
                errors.add(null);
            } catch (AwsException e) {
                errors.add(e);
            }
        }
        queue.lock.lock();
        try {
            requireLive(queue);
            QueueBatch batch = new QueueBatch();
            for (long sequence : sequences) {
                if (queue.index.slot(sequence) >= 0) {
                    batch.deleteMessage(queue.queueId(), sequence);
                }
            }
            store.commit(batch);
            sequences.forEach(queue.index::remove);
        } finally {
            queue.lock.unlock();
        }
        return errors;
    }

    /**
     * Changes the visibility timeouts of in-flight messages in one commit; returns, per change, null or its error.
     *
     * <p>A handle from an earlier receive of a message that is in flight again still applies, as on AWS's standard
     * queues: the handle names the message, and the latest receive's timer is the one that changes. AWS also caps a
     * message's visibility at 12 hours from the receive; Wharf does not track that yet.
     */
    List<@Nullable AwsException> changeVisibility(Queue queue, List<String> receiptHandles, List<Integer> seconds) {
        List<@Nullable AwsException> errors = new ArrayList<>(receiptHandles.size());
        List<@Nullable ReceiptHandle> handles = new ArrayList<>(receiptHandles.size());
        for (String receiptHandle : receiptHandles) {
            try {
                handles.add(handle(queue, receiptHandle));
                errors.add(null);
            } catch (AwsException e) {
                handles.add(null);
                errors.add(e);
            }
        }
        queue.lock.lock();
        try {
            requireLive(queue);
            long now = clock.millis();
            queue.index.promote(now);
            QueueBatch batch = new QueueBatch();
            long[] until = new long[handles.size()];
            for (int i = 0; i < handles.size(); i++) {
                ReceiptHandle handle = handles.get(i);
                if (handle == null) {
                    continue;
                }
                int slot = queue.index.slot(handle.sequence());
                if (slot < 0 || queue.index.state(slot) != MessageIndex.IN_FLIGHT) {
                    errors.set(i, notInFlight(receiptHandles.get(i)));
                    handles.set(i, null);
                    continue;
                }
                until[i] = now + seconds.get(i) * 1000L;
                IndexRecord record = queue.index.record(slot);
                batch.putIndex(
                        queue.queueId(),
                        handle.sequence(),
                        new IndexRecord(
                                        until[i],
                                        record.receiveCount(),
                                        record.firstReceiveTimestamp(),
                                        record.sentTimestamp())
                                .encode());
            }
            store.commit(batch);
            boolean visibleNow = false;
            for (int i = 0; i < handles.size(); i++) {
                ReceiptHandle handle = handles.get(i);
                if (handle != null) {
                    queue.index.changeVisibility(handle.sequence(), now, until[i]);
                    visibleNow |= until[i] <= now;
                }
            }
            if (visibleNow) {
                queue.changed.signalAll();
            }
        } finally {
            queue.lock.unlock();
        }
        return errors;
    }

    /**
     * AWS answers a change on a message that is not in flight with {@code InvalidParameterValue} naming the handle;
     * the model's {@code MessageNotInflight} is not what the service sends.
     */
    static AwsException notInFlight(String receiptHandle) {
        return MessageRules.invalidValue(
                receiptHandle,
                "ReceiptHandle",
                "Message does not exist or is not available for visibility timeout change.");
    }

    /** Deletes every message of the queue; AWS allows one purge a minute per queue. */
    void purge(Queue queue) {
        queue.lock.lock();
        try {
            requireLive(queue);
            long now = clock.millis();
            if (queue.lastPurgeMillis != Long.MIN_VALUE
                    && now - queue.lastPurgeMillis < SqsLimits.PURGE_INTERVAL_SECONDS * 1000L) {
                throw SqsError.PurgeQueueInProgress.with("Only one PurgeQueue operation on "
                        + queue.metadata().name() + " is allowed every 60 seconds.");
            }
            store.commit(new QueueBatch().deleteAllMessages(queue.queueId()));
            queue.index.clear();
            queue.retentionCursor = queue.nextSequence;
            queue.lastPurgeMillis = now;
            queue.purges++;
            queue.changed.signalAll();
        } finally {
            queue.lock.unlock();
        }
    }

    /** Counts the queue's messages by state as of now, deleting those past retention. */
    Counts counts(Queue queue) {
        queue.lock.lock();
        try {
            long now = clock.millis();
            QueueBatch batch = new QueueBatch();
            expire(queue, now, batch);
            store.commit(batch);
            queue.index.promote(now);
            MessageIndex index = queue.index;
            return new Counts(index.readyCount(), index.inFlightCount(), index.delayedCount());
        } finally {
            queue.lock.unlock();
        }
    }

    /** Marks a queue deleted, so that waiting and later calls see it gone. */
    static void onDeleted(Queue queue) {
        queue.lock.lock();
        try {
            queue.deleted = true;
            queue.index.clear();
            queue.changed.signalAll();
        } finally {
            queue.lock.unlock();
        }
    }

    /** Lock must be held. */
    private static void requireLive(Queue queue) {
        if (queue.deleted) {
            throw SqsEngine.queueDoesNotExist();
        }
    }

    private static ReceiptHandle handle(Queue queue, String receiptHandle) {
        ReceiptHandle handle = ReceiptHandle.decode(receiptHandle);
        if (handle == null) {
            throw SqsError.ReceiptHandleIsInvalid.with(
                    "The input receipt handle \"" + receiptHandle + "\" is not a valid receipt handle.");
        }
        if (handle.queueId() != queue.queueId()) {
            throw SqsError.ReceiptHandleIsInvalid.with(
                    "The receipt handle \"" + receiptHandle + "\" is not valid for this queue.");
        }
        return handle;
    }
}
