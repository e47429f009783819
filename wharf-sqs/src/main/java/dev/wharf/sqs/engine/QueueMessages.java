package dev.wharf.sqs.engine;

import dev.wharf.common.AwsException;
import dev.wharf.common.CommonError;
import dev.wharf.sqs.api.MessageAttributeValue;
import dev.wharf.sqs.api.QueueAttributeName;
import dev.wharf.sqs.api.QueueMetrics;
import dev.wharf.sqs.api.SqsError;
import dev.wharf.sqs.api.SqsLimits;
import dev.wharf.storage.PendingCommit;
import dev.wharf.storage.QueueBatch;
import dev.wharf.storage.QueueStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Runs message operations on one queue at a time: every call takes the queue's lock and writes one {@link QueueBatch}.
 *
 * <p>Receives, deletes and visibility changes submit their batch and change the in-memory index under the lock, then
 * wait for durability after letting go of it, so that concurrent calls on one queue share a commit group. That is
 * safe because the store keeps submission order and a crash keeps a prefix of it: a later call that saw this one's
 * change submits after it, and answers only once its own batch, and so this one, is durable. Sends to standard
 * queues commit without the lock and are indexed only once durable; other calls commit under the lock.
 *
 * <p>Timers are evaluated lazily against the clock when a queue is read; the only waiting is a long poll's bounded
 * wait on the queue's condition, which send, visibility changes, purge and deletion signal.
 */
final class QueueMessages {

    /**
     * A message checked and encoded for sending.
     *
     * @param size the message's size as AWS counts it against MaximumMessageSize (body and message attributes), in
     *     bytes; its {@code SentMessageSize} sample
     */
    record Outgoing(
            MessagePayload payload,
            int delaySeconds,
            long size,
            String md5OfMessageBody,
            @Nullable String md5OfMessageAttributes,
            @Nullable String md5OfMessageSystemAttributes) {}

    /** A message that a receive took, with its state after the receive. */
    record Received(long sequence, int receiveCount, long sentTimestamp, long firstReceiveTimestamp) {}

    /** How many messages a queue holds, by state. */
    record Counts(int visible, int notVisible, int delayed) {}

    /** How many sequences past its need a standard queue's send persists NEXT_SEQUENCE, when it must write it. */
    static final long SEQUENCE_BLOCK = 4096;

    /** Bounds how long purge, deletion and sends wait for a queue's pending sends. */
    private static final long SETTLE_NANOS = TimeUnit.SECONDS.toNanos(30);

    /** How often a standard queue's message is received before ApproximateAgeOfOldestMessage leaves it out. */
    static final int POISON_PILL_RECEIVES = 3;

    /** Bounds the work one call spends deleting messages past their retention period. */
    private static final int EXPIRY_STEPS_MAX = 100_000;

    /** The result of sending one message: its id, and on FIFO queues its SequenceNumber. */
    record Sent(String messageId, @Nullable String sequenceNumber) {}

    /** Finds live queues by ARN, for dead-letter moves. */
    @FunctionalInterface
    interface QueueResolver {
        @Nullable
        Queue byArn(String arn);
    }

    private static final Pattern FIFO_ID = Pattern.compile("[\\p{Alnum}\\p{Punct}]{1,128}");
    /** How long a ReceiveRequestAttemptId is remembered. */
    private static final long ATTEMPT_MILLIS = 5 * 60 * 1_000L;
    /** Bounds the attempt ids remembered per queue. */
    private static final int ATTEMPTS_MAX = 10_000;

    private final QueueStore store;
    private final Clock clock;
    private final QueueResolver resolver;
    private final Function<QueueMetadata, String> arnOf;
    /** The long polls waiting on their queue's condition now, on every queue; an adder, since they come and go at once. */
    private final LongAdder longPollsWaiting = new LongAdder();

    QueueMessages(QueueStore store, Clock clock, QueueResolver resolver, Function<QueueMetadata, String> arnOf) {
        this.store = store;
        this.clock = clock;
        this.resolver = resolver;
        this.arnOf = arnOf;
    }

    /** A FIFO SequenceNumber: the message's sequence, as the 20 digits that AWS writes. */
    static String sequenceNumber(long sequence) {
        return String.format(java.util.Locale.ROOT, "%020d", sequence);
    }

    /** Rebuilds a queue's index from the store. Called once, before the queue is shared. */
    void rebuild(Queue queue) {
        long now = clock.millis();
        long[] bounds = {Long.MAX_VALUE, 0, 0};
        QueueBatch expired = new QueueBatch();
        queue.lock.lock();
        try {
            store.scanIndex(queue.queueId(), (sequence, value) -> {
                if (ReservedSequences.isMessage(sequence)) {
                    IndexRecord record = IndexRecord.decode(value);
                    String group = record.messageGroupId();
                    int tag = group == null ? 0 : queue.groups.add(sequence, group);
                    queue.index.add(sequence, record, now, tag);
                    bounds[0] = Math.min(bounds[0], sequence);
                    bounds[1] = Math.max(bounds[1], sequence);
                } else if (ReservedSequences.isDedup(sequence)) {
                    queue.dedup.load(queue.queueId(), sequence, value, now, expired);
                } else if (ReservedSequences.isMoveTask(sequence)) {
                    queue.moveTasks.addLast(MoveTask.decode(sequence, value));
                    queue.nextMoveTaskRecord = Math.max(queue.nextMoveTaskRecord, sequence + 1);
                } else if (sequence == ReservedSequences.NEXT_SEQUENCE) {
                    bounds[2] = ReservedSequences.decodeNextSequence(value);
                }
            });
            long floor = Math.max(bounds[2], queue.dedup.maxSequence() + 1);
            queue.nextSequence = Math.max(bounds[1] + 1, floor);
            queue.retentionCursor = bounds[0] == Long.MAX_VALUE ? queue.nextSequence : bounds[0];
            store.commit(expired);
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
            @Nullable String messageGroupId,
            @Nullable String messageDeduplicationId) {
        QueueMetadata metadata = queue.metadata();
        String checkedBody = MessageRules.body(body);
        int queueDelay = metadata.intAttribute(QueueAttributeName.DelaySeconds);
        String deduplicationId = null;
        int delay;
        if (metadata.fifo()) {
            if (delaySeconds != null && delaySeconds != 0) {
                throw MessageRules.invalidValue(
                        delaySeconds,
                        "DelaySeconds",
                        "The request include parameter that is not valid for this queue type.");
            }
            delay = queueDelay;
            if (messageGroupId == null || messageGroupId.isEmpty()) {
                throw SqsError.MissingRequiredParameterException.with(
                        "The request must contain the parameter MessageGroupId.");
            }
            fifoId(messageGroupId, "MessageGroupId");
            deduplicationId = deduplicationId(metadata, checkedBody, messageDeduplicationId);
        } else {
            delay = MessageRules.delaySeconds(delaySeconds, queueDelay);
            if (messageDeduplicationId != null) {
                throw MessageRules.invalidValue(
                        messageDeduplicationId,
                        "MessageDeduplicationId",
                        "The request includes a parameter that is not valid for this queue type.");
            }
        }
        Map<String, MessageAttributeValue> checkedAttributes = MessageRules.attributes(attributes);
        Map<String, MessageAttributeValue> checkedSystem = MessageRules.systemAttributes(systemAttributes);
        long size = MessageRules.messageSize(checkedBody, checkedAttributes);
        MessageRules.messageSize(size, metadata.intAttribute(QueueAttributeName.MaximumMessageSize));
        MessageAttributeValue traceHeader = checkedSystem.get("AWSTraceHeader");
        MessagePayload payload = new MessagePayload(
                randomMessageId(),
                senderId,
                checkedBody,
                checkedAttributes,
                traceHeader == null ? null : traceHeader.stringValue(),
                messageGroupId == null || messageGroupId.isEmpty() ? null : messageGroupId,
                deduplicationId,
                null);
        return new Outgoing(
                payload,
                delay,
                size,
                MessageAttributesMd5.ofBody(checkedBody),
                MessageAttributesMd5.ofAttributes(checkedAttributes),
                MessageAttributesMd5.ofAttributes(checkedSystem));
    }

    private static String deduplicationId(QueueMetadata metadata, String body, @Nullable String requested) {
        if (requested != null) {
            fifoId(requested, "MessageDeduplicationId");
            return requested;
        }
        if (!"true".equals(metadata.attributes().get("ContentBasedDeduplication"))) {
            throw SqsError.InvalidParameterValueException.with("The queue should either have "
                    + "ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly");
        }
        try {
            return java.util.HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                            .digest(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static void fifoId(String value, String parameter) {
        if (!FIFO_ID.matcher(value).matches()) {
            throw MessageRules.invalidValue(
                    value,
                    parameter,
                    parameter + " can only include alphanumeric and punctuation characters. 1 to 128 in length.");
        }
    }

    static UUID randomMessageId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }

    /**
     * Enqueues messages in one commit. On a FIFO queue a message whose deduplication id was sent in the last five
     * minutes is accepted but not enqueued, and answers with the first message's id and SequenceNumber.
     */
    List<Sent> send(Queue queue, List<Outgoing> messages) {
        if (messages.isEmpty()) {
            return List.of();
        }
        if (!queue.fifo()) {
            return sendStandard(queue, messages);
        }
        queue.lock.lock();
        try {
            requireLive(queue);
            long now = clock.millis();
            boolean fifo = queue.fifo();
            boolean groupScope =
                    "messageGroup".equals(queue.metadata().attributes().get("DeduplicationScope"));
            QueueBatch batch = new QueueBatch();
            if (fifo) {
                queue.dedup.expire(queue.queueId(), now, batch);
            }
            long next = queue.nextSequence;
            List<Sent> sent = new ArrayList<>(messages.size());
            List<Long> sequences = new ArrayList<>();
            List<IndexRecord> records = new ArrayList<>();
            Map<String, DedupWindow.Entry> entries = new java.util.LinkedHashMap<>();
            int duplicates = 0;
            List<Outgoing> added = new ArrayList<>(messages.size());
            for (Outgoing message : messages) {
                MessagePayload payload = message.payload();
                String key = null;
                if (fifo) {
                    key = DedupWindow.key(
                            java.util.Objects.requireNonNull(payload.messageDeduplicationId()),
                            java.util.Objects.requireNonNull(payload.messageGroupId()),
                            groupScope);
                    DedupWindow.Entry original = entries.get(key);
                    if (original == null) {
                        original = queue.dedup.find(key, now);
                    }
                    if (original != null) {
                        sent.add(new Sent(original.messageId().toString(), sequenceNumber(original.sequence())));
                        duplicates++;
                        continue;
                    }
                }
                long sequence = next++;
                IndexRecord record = new IndexRecord(
                        now + message.delaySeconds() * 1000L, 0, 0, now, fifo ? payload.messageGroupId() : null);
                batch.putPayload(queue.queueId(), sequence, payload.encode());
                batch.putIndex(queue.queueId(), sequence, record.encode());
                sequences.add(sequence);
                records.add(record);
                added.add(message);
                if (key != null) {
                    DedupWindow.Entry entry = queue.dedup.next(key, payload.messageId(), sequence, now);
                    batch.putIndex(queue.queueId(), entry.record(), entry.encode());
                    entries.put(key, entry);
                }
                sent.add(new Sent(payload.messageId().toString(), fifo ? sequenceNumber(sequence) : null));
            }
            if (!sequences.isEmpty()) {
                batch.putIndex(
                        queue.queueId(), ReservedSequences.NEXT_SEQUENCE, ReservedSequences.encodeNextSequence(next));
            }
            store.commit(batch);
            queue.nextSequence = next;
            for (int i = 0; i < sequences.size(); i++) {
                add(queue, sequences.get(i), records.get(i), now);
            }
            entries.values().forEach(queue.dedup::add);
            // Counted once durable: AWS counts a duplicate as deduplicated, not as sent.
            countSent(queue, added);
            queue.counters.onDeduplicated(duplicates);
            // Delayed messages wake waiters too, so that they shorten their wait to the delay's end.
            queue.changed.signalAll();
            return sent;
        } finally {
            queue.lock.unlock();
        }
    }

    /**
     * Enqueues messages on a standard queue in one commit made without the queue's lock, so that concurrent sends to
     * one queue share a commit group. Under the lock the send takes its sequences (and its timestamp, so that sent
     * timestamps grow with sequences) and registers as pending; after the commit it takes the lock again to index the
     * messages. Receives cannot see a message before it is indexed; purge and deletion wait for pending sends.
     */
    private List<Sent> sendStandard(Queue queue, List<Outgoing> messages) {
        int count = messages.size();
        long first;
        long now;
        queue.lock.lock();
        try {
            awaitOpen(queue);
            now = clock.millis();
            first = queue.nextSequence;
            long next = first + count;
            if (next > queue.sequenceCeiling) {
                // Rare: persist a whole block ahead, so that no send committed later needs to write NEXT_SEQUENCE.
                long ceiling = next + SEQUENCE_BLOCK;
                store.commit(new QueueBatch()
                        .putIndex(
                                queue.queueId(),
                                ReservedSequences.NEXT_SEQUENCE,
                                ReservedSequences.encodeNextSequence(ceiling)));
                queue.sequenceCeiling = ceiling;
            }
            queue.nextSequence = next;
            queue.pendingSends.add(first);
        } finally {
            queue.lock.unlock();
        }
        boolean committed = false;
        List<Sent> sent = new ArrayList<>(count);
        IndexRecord[] records = new IndexRecord[count];
        try {
            QueueBatch batch = new QueueBatch();
            for (int i = 0; i < count; i++) {
                Outgoing message = messages.get(i);
                MessagePayload payload = message.payload();
                records[i] = new IndexRecord(now + message.delaySeconds() * 1000L, 0, 0, now);
                batch.putPayload(queue.queueId(), first + i, payload.encode());
                batch.putIndex(queue.queueId(), first + i, records[i].encode());
                sent.add(new Sent(payload.messageId().toString(), null));
            }
            store.commit(batch);
            committed = true;
        } finally {
            queue.lock.lock();
            try {
                queue.pendingSends.remove(first);
                // Purge and deletion wait for pending sends, so the queue is live here; the check is a safeguard.
                if (committed && !queue.deleted) {
                    for (int i = 0; i < count; i++) {
                        add(queue, first + i, records[i], now);
                    }
                    countSent(queue, messages);
                    // Delayed messages wake waiters too, so that they shorten their wait to the delay's end.
                    queue.changed.signalAll();
                }
                queue.settled.signalAll();
            } finally {
                queue.lock.unlock();
            }
        }
        return sent;
    }

    /** Lock must be held, and the messages durable. Counts them for NumberOfMessagesSent and SentMessageSize. */
    private static void countSent(Queue queue, List<Outgoing> added) {
        for (int i = 0; i < added.size(); i++) {
            queue.counters.onSent(added.get(i).size());
        }
    }

    /**
     * Lock must be held. Waits while a purge or deletion of the queue waits for its pending sends, then checks that
     * the queue is live. The wait is bounded: past {@link #SETTLE_NANOS} it fails with an internal error.
     */
    private static void awaitOpen(Queue queue) {
        long nanos = SETTLE_NANOS;
        while (queue.closing && !queue.deleted) {
            nanos = awaitSettled(queue, nanos);
        }
        requireLive(queue);
    }

    /**
     * Lock must be held. Stops new sends to a standard queue and waits until every pending send has indexed its
     * messages, so that the caller's commit neither precedes a send's records nor leaves them out of the index. The
     * caller must call {@link #reopen} once its commit is done (or failed), with the lock still held.
     */
    static void closeForSends(Queue queue) {
        awaitOpen(queue);
        queue.closing = true;
        try {
            long nanos = SETTLE_NANOS;
            while (!queue.pendingSends.isEmpty()) {
                nanos = awaitSettled(queue, nanos);
            }
        } catch (RuntimeException e) {
            reopen(queue);
            throw e;
        }
    }

    /** Lock must be held. Lets sends start again after {@link #closeForSends}. */
    static void reopen(Queue queue) {
        queue.closing = false;
        queue.settled.signalAll();
    }

    /** Lock must be held. Waits on the queue's settled condition; returns the time left, or fails when none is. */
    private static long awaitSettled(Queue queue, long nanos) {
        if (nanos <= 0) {
            throw CommonError.INTERNAL_FAILURE.with("Timed out waiting for messages being sent to the queue.");
        }
        try {
            return queue.settled.awaitNanos(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CommonError.INTERNAL_FAILURE.with("Interrupted while waiting for messages being sent to the queue.");
        }
    }

    /**
     * Lock must be held. Adds to {@code batch} the queue's NEXT_SEQUENCE record for {@code next}; on a standard queue
     * never below the block its sends hand out sequences from, so that the stored value never goes down.
     */
    static void putNextSequence(Queue queue, long next, QueueBatch batch) {
        long value = queue.fifo() ? next : Math.max(next, queue.sequenceCeiling);
        batch.putIndex(queue.queueId(), ReservedSequences.NEXT_SEQUENCE, ReservedSequences.encodeNextSequence(value));
    }

    /** Lock must be held. Indexes a committed message, in its group on a FIFO queue. */
    static void add(Queue queue, long sequence, IndexRecord record, long now) {
        String group = record.messageGroupId();
        int tag = group == null || !queue.fifo() ? 0 : queue.groups.add(sequence, group);
        queue.index.add(sequence, record, now, tag);
    }

    /** Lock must be held. Forgets a message that left the queue, unblocking its group on a FIFO queue. */
    static void forget(Queue queue, long sequence) {
        int slot = queue.index.slot(sequence);
        if (slot < 0) {
            return;
        }
        int tag = queue.index.tag(slot);
        queue.index.remove(sequence);
        if (tag != 0) {
            queue.groups.onRemoved(sequence, tag);
        }
    }

    /**
     * Takes up to {@code max} messages and hides them for {@code visibilitySeconds}, waiting up to {@code waitSeconds}
     * for one to become receivable. Messages received more often than the queue's RedrivePolicy allows move to its
     * dead-letter queue instead, in the same commit.
     *
     * <p>Lock order: when the queue has a dead-letter queue, both locks are held while messages are taken, the lower
     * queue id first; when the dead-letter queue's id is the lower one, its lock is tried, and on failure this
     * receive lets go of its own lock and takes both in order. Neither is held while waiting.
     */
    List<Received> receive(
            Queue queue, int max, int visibilitySeconds, int waitSeconds, @Nullable String receiveRequestAttemptId) {
        Taken taken = takeMessages(queue, max, visibilitySeconds, waitSeconds, receiveRequestAttemptId);
        taken.commit().await();
        return taken.messages();
    }

    /** What a receive took under the lock, and the commit to wait for before answering. */
    private record Taken(List<Received> messages, PendingCommit commit) {}

    private Taken takeMessages(
            Queue queue, int max, int visibilitySeconds, int waitSeconds, @Nullable String receiveRequestAttemptId) {
        Queue heldDlq = null;
        queue.lock.lock();
        try {
            requireLive(queue);
            String attemptId = queue.fifo() ? receiveRequestAttemptId : null;
            if (attemptId != null) {
                List<Received> replay = replay(queue, attemptId);
                if (!replay.isEmpty()) {
                    return new Taken(replay, queue.lastSubmitted);
                }
            }
            long waitUntil = clock.millis() + waitSeconds * 1000L;
            long purges = queue.purges;
            while (!queue.deleted && queue.purges == purges) {
                Queue dlq = deadLetterQueue(queue);
                if (dlq != heldDlq) {
                    heldDlq = release(heldDlq);
                    if (dlq != null && !lockSecond(queue, dlq)) {
                        heldDlq = dlq;
                        continue;
                    }
                    heldDlq = dlq;
                }
                long now = clock.millis();
                QueueBatch batch = new QueueBatch();
                expire(queue, now, batch);
                queue.index.promote(now);
                int inFlightMax = queue.fifo() ? SqsLimits.IN_FLIGHT_FIFO_MAX : SqsLimits.IN_FLIGHT_STANDARD_MAX;
                int allowed = Math.min(max, inFlightMax - queue.index.inFlightCount());
                if (allowed <= 0 && waitSeconds == 0) {
                    submit(queue, batch);
                    throw SqsError.OverLimit.with("Too many messages have been received without being deleted."
                            + " Please delete your received messages or let them timeout before receiving more.");
                }
                long[] taken = allowed > 0 ? take(queue, allowed) : new long[0];
                if (taken.length > 0) {
                    Taken received = onReceive(queue, heldDlq, batch, taken, now, now + visibilitySeconds * 1000L);
                    if (!received.messages().isEmpty()) {
                        if (attemptId != null) {
                            remember(queue, attemptId, received.messages(), now);
                        }
                        return received;
                    }
                    continue;
                }
                submit(queue, batch);
                long remaining = waitUntil - now;
                if (remaining <= 0) {
                    break;
                }
                long nextTimer = queue.index.nextTimer();
                long wait = nextTimer == Long.MAX_VALUE ? remaining : Math.min(remaining, Math.max(1, nextTimer - now));
                heldDlq = release(heldDlq);
                if (!await(queue, wait)) {
                    break;
                }
            }
            return new Taken(List.of(), PendingCommit.DONE);
        } finally {
            release(heldDlq);
            queue.lock.unlock();
        }
    }

    /** Lock must be held. Submits a batch of this queue's changes without waiting for it to be durable. */
    private PendingCommit submit(Queue queue, QueueBatch batch) {
        if (batch.isEmpty()) {
            return PendingCommit.DONE;
        }
        PendingCommit commit = store.submit(batch);
        queue.lastSubmitted = commit;
        return commit;
    }

    /** The live dead-letter queue that the queue's RedrivePolicy names, or null. */
    private @Nullable Queue deadLetterQueue(Queue queue) {
        QueueMetadata.Redrive redrive = queue.metadata().redrive();
        if (redrive == null) {
            return null;
        }
        Queue dlq = resolver.byArn(redrive.deadLetterTargetArn());
        return dlq == null || dlq == queue ? null : dlq;
    }

    /**
     * Takes {@code second}'s lock while {@code first}'s is held, keeping the order by queue id. Returns true when it
     * got it at once; false when it had to let go of {@code first}'s lock and take both again, so that the caller must
     * look at the queue afresh. Either way both are held on return.
     */
    static boolean lockSecond(Queue first, Queue second) {
        if (second.queueId() > first.queueId()) {
            second.lock.lock();
            return true;
        }
        if (second.lock.tryLock()) {
            return true;
        }
        first.lock.unlock();
        second.lock.lock();
        first.lock.lock();
        return false;
    }

    private static @Nullable Queue release(@Nullable Queue held) {
        if (held != null) {
            held.lock.unlock();
        }
        return null;
    }

    /** Lock must be held. Takes receivable messages: the oldest ready ones, or on a FIFO queue by message group. */
    private static long[] take(Queue queue, int allowed) {
        if (!queue.fifo()) {
            return queue.index.take(allowed);
        }
        MessageIndex index = queue.index;
        index.drainReady(sequence -> queue.groups.onReady(index.tag(index.slot(sequence))));
        List<Long> taken = queue.groups.take(index, allowed);
        long[] sequences = new long[taken.size()];
        for (int i = 0; i < sequences.length; i++) {
            sequences[i] = taken.get(i);
        }
        return sequences;
    }

    private static void untake(Queue queue, long[] taken) {
        if (!queue.fifo()) {
            queue.index.untake(taken);
            return;
        }
        List<Long> sequences = new ArrayList<>(taken.length);
        for (long sequence : taken) {
            sequences.add(sequence);
        }
        queue.groups.requeue(queue.index, sequences);
    }

    /** Lock must be held. The messages that an earlier receive with this attempt id returned, if still in flight. */
    private List<Received> replay(Queue queue, String attemptId) {
        Queue.ReceiveAttempt attempt = queue.attempts.get(attemptId);
        long now = clock.millis();
        if (attempt == null || attempt.expiresAt() <= now) {
            return List.of();
        }
        queue.index.promote(now);
        List<Received> received = new ArrayList<>();
        for (int i = 0; i < attempt.sequences().length; i++) {
            int slot = queue.index.slot(attempt.sequences()[i]);
            if (slot >= 0
                    && queue.index.state(slot) == MessageIndex.IN_FLIGHT
                    && queue.index.receiveCount(slot) == attempt.receiveCounts()[i]) {
                received.add(new Received(
                        attempt.sequences()[i],
                        queue.index.receiveCount(slot),
                        queue.index.sentTimestamp(slot),
                        queue.index.firstReceiveTimestamp(slot)));
            }
        }
        return received;
    }

    /** Lock must be held. */
    private static void remember(Queue queue, String attemptId, List<Received> received, long now) {
        long[] sequences = new long[received.size()];
        int[] counts = new int[received.size()];
        for (int i = 0; i < sequences.length; i++) {
            sequences[i] = received.get(i).sequence();
            counts[i] = received.get(i).receiveCount();
        }
        queue.attempts.remove(attemptId);
        queue.attempts.put(attemptId, new Queue.ReceiveAttempt(sequences, counts, now + ATTEMPT_MILLIS));
        var oldest = queue.attempts.entrySet().iterator();
        while (oldest.hasNext()) {
            var next = oldest.next();
            if (queue.attempts.size() <= ATTEMPTS_MAX && next.getValue().expiresAt() > now) {
                break;
            }
            oldest.remove();
        }
    }

    /** How many long polls wait for messages at this moment, on every queue. */
    int longPollsWaiting() {
        return longPollsWaiting.intValue();
    }

    /** Lock must be held. Returns false when the thread was interrupted. */
    private boolean await(Queue queue, long millis) {
        queue.waiting++;
        longPollsWaiting.increment();
        try {
            queue.changed.await(millis, TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            queue.waiting--;
            longPollsWaiting.decrement();
        }
    }

    /**
     * Lock must be held, and the dead-letter queue's too when there is one. Records the receive of the taken messages,
     * moving those past the RedrivePolicy's maxReceiveCount to the dead-letter queue, all in one batch that it submits.
     */
    private Taken onReceive(Queue queue, @Nullable Queue dlq, QueueBatch batch, long[] taken, long now, long until) {
        QueueMetadata.Redrive redrive =
                dlq == null || dlq.deleted ? null : queue.metadata().redrive();
        List<Received> received = new ArrayList<>(taken.length);
        List<Long> moved = new ArrayList<>();
        List<IndexRecord> movedRecords = new ArrayList<>();
        for (long sequence : taken) {
            int slot = queue.index.slot(sequence);
            IndexRecord before = record(queue, slot);
            if (redrive != null && before.receiveCount() >= redrive.maxReceiveCount()) {
                moved.add(sequence);
                movedRecords.add(before.withTimers(now, before.receiveCount(), before.firstReceiveTimestamp())
                        .movedAt(now));
                continue;
            }
            IndexRecord after = before.withTimers(
                    until,
                    before.receiveCount() + 1,
                    before.firstReceiveTimestamp() == 0 ? now : before.firstReceiveTimestamp());
            batch.putIndex(queue.queueId(), sequence, after.encode());
            received.add(
                    new Received(sequence, after.receiveCount(), after.sentTimestamp(), after.firstReceiveTimestamp()));
        }
        long firstMoved = 0;
        if (!moved.isEmpty()) {
            firstMoved = moveOut(queue, java.util.Objects.requireNonNull(dlq), batch, moved, movedRecords);
        }
        PendingCommit commit;
        try {
            commit = submit(queue, batch);
        } catch (RuntimeException e) {
            untake(queue, taken);
            throw e;
        }
        for (Received message : received) {
            queue.index.onReceive(message.sequence(), now, until);
        }
        if (!moved.isEmpty()) {
            Queue target = java.util.Objects.requireNonNull(dlq);
            target.lastSubmitted = commit;
            movedIn(queue, target, moved, movedRecords, firstMoved, now);
        }
        if (until <= now) {
            queue.changed.signalAll();
        }
        return new Taken(received, commit);
    }

    /** Lock must be held. A message's durable state, with its group on a FIFO queue. */
    private static IndexRecord record(Queue queue, int slot) {
        IndexRecord record = queue.index.record(slot);
        int tag = queue.index.tag(slot);
        return tag == 0 ? record : record.withMessageGroupId(queue.groups.groupId(tag));
    }

    /**
     * Both locks must be held. Adds to {@code batch} the move of messages from {@code from} to {@code to}: deleted
     * from one, written to the other under new sequences from the returned first one. The message keeps its id, body,
     * attributes, timestamps and receive count, and names the queue it came from.
     */
    long moveOut(Queue from, Queue to, QueueBatch batch, List<Long> sequences, List<IndexRecord> records) {
        long first = to.nextSequence;
        String sourceArn = arnOf.apply(from.metadata());
        for (int i = 0; i < sequences.size(); i++) {
            long sequence = sequences.get(i);
            byte[] bytes = store.readPayload(from.queueId(), sequence);
            if (bytes == null) {
                throw new IllegalStateException("message " + from.queueId() + "/" + sequence + " has no payload");
            }
            MessagePayload payload = MessagePayload.decode(bytes);
            MessagePayload moved = payload.withDeadLetterQueueSourceArn(sourceArn);
            IndexRecord record = records.get(i);
            if (!to.fifo() && record.messageGroupId() != null) {
                records.set(i, record.withMessageGroupId(null));
            }
            batch.deleteMessage(from.queueId(), sequence);
            batch.putPayload(to.queueId(), first + i, moved.encode());
            batch.putIndex(to.queueId(), first + i, records.get(i).encode());
        }
        putNextSequence(to, first + sequences.size(), batch);
        return first;
    }

    /** Both locks must be held, and the batch of {@link #moveOut} committed. Applies the move to the indexes. */
    static void movedIn(Queue from, Queue to, List<Long> sequences, List<IndexRecord> records, long first, long now) {
        for (long sequence : sequences) {
            forget(from, sequence);
        }
        for (int i = 0; i < sequences.size(); i++) {
            add(to, first + i, records.get(i), now);
        }
        to.nextSequence = first + sequences.size();
        to.changed.signalAll();
        from.changed.signalAll();
    }

    /**
     * Deletes messages older than the queue's retention period, in sequence order, into {@code batch}.
     *
     * <p>Lock must be held. They leave the index at once: a message past retention is gone whether or not the batch
     * commits, and the next call deletes it from the store if this one did not.
     */
    static void expire(Queue queue, long now, QueueBatch batch) {
        long retentionMillis = queue.metadata().intAttribute(QueueAttributeName.MessageRetentionPeriod) * 1000L;
        // A pending send's sequences are not indexed yet: the cursor must not pass them.
        long end = queue.pendingSends.isEmpty() ? queue.nextSequence : queue.pendingSends.first();
        for (int step = 0; step < EXPIRY_STEPS_MAX && queue.retentionCursor < end; step++) {
            long sequence = queue.retentionCursor;
            int slot = queue.index.slot(sequence);
            if (slot >= 0) {
                if (queue.index.sentTimestamp(slot) + retentionMillis > now) {
                    return;
                }
                batch.deleteMessage(queue.queueId(), sequence);
                forget(queue, sequence);
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

    /**
     * Deletes the message that a receipt handle names; a handle of a message already deleted is accepted. On a FIFO
     * queue the handle must come from the message's latest receive, and the message must still be in flight.
     */
    void delete(Queue queue, String receiptHandle) {
        ReceiptHandle handle = handle(queue, receiptHandle);
        PendingCommit commit;
        queue.lock.lock();
        try {
            requireLive(queue);
            queue.index.promote(clock.millis());
            // On a standard queue AWS deletes the message even with a handle from an earlier receive. A message that
            // is gone may be gone by a delete still on its way to disk: the answer waits for it.
            if (queue.index.slot(handle.sequence()) < 0) {
                commit = queue.lastSubmitted;
            } else {
                AwsException expired = expiredOnFifo(queue, handle, receiptHandle);
                if (expired != null) {
                    throw expired;
                }
                commit = submit(queue, new QueueBatch().deleteMessage(queue.queueId(), handle.sequence()));
                forget(queue, handle.sequence());
            }
            // AWS counts every successful delete, one of a message already gone included.
            queue.counters.onDeleted(1);
        } finally {
            queue.lock.unlock();
        }
        commit.await();
    }

    /** Lock must be held; the message must be indexed. AWS's error for a FIFO handle no longer valid, or null. */
    private static @Nullable AwsException expiredOnFifo(Queue queue, ReceiptHandle handle, String receiptHandle) {
        if (!queue.fifo()) {
            return null;
        }
        int slot = queue.index.slot(handle.sequence());
        if (queue.index.state(slot) == MessageIndex.IN_FLIGHT
                && queue.index.receiveCount(slot) == handle.receiveCount()) {
            return null;
        }
        return MessageRules.invalidValue(receiptHandle, "ReceiptHandle", "The receipt handle has expired.");
    }

    /** Deletes the messages of well-formed handles in one batch; returns, per handle, null or its error. */
    List<@Nullable AwsException> deleteAll(Queue queue, List<String> receiptHandles) {
        List<@Nullable AwsException> errors = new ArrayList<>(receiptHandles.size());
        List<ReceiptHandle> handles = new ArrayList<>();
        for (String receiptHandle : receiptHandles) {
            try {
                handles.add(handle(queue, receiptHandle));
                errors.add(null);
            } catch (AwsException e) {
                errors.add(e);
            }
        }
        PendingCommit commit;
        queue.lock.lock();
        try {
            requireLive(queue);
            queue.index.promote(clock.millis());
            QueueBatch batch = new QueueBatch();
            List<Long> deleted = new ArrayList<>();
            for (int i = 0, next = 0; i < receiptHandles.size(); i++) {
                if (errors.get(i) != null) {
                    continue;
                }
                ReceiptHandle handle = handles.get(next++);
                if (queue.index.slot(handle.sequence()) < 0) {
                    continue;
                }
                AwsException expired = expiredOnFifo(queue, handle, receiptHandles.get(i));
                if (expired != null) {
                    errors.set(i, expired);
                } else {
                    batch.deleteMessage(queue.queueId(), handle.sequence());
                    deleted.add(handle.sequence());
                }
            }
            commit = batch.isEmpty() ? queue.lastSubmitted : submit(queue, batch);
            deleted.forEach(sequence -> forget(queue, sequence));
            int successful = 0;
            for (AwsException error : errors) {
                successful += error == null ? 1 : 0;
            }
            queue.counters.onDeleted(successful);
        } finally {
            queue.lock.unlock();
        }
        commit.await();
        return errors;
    }

    /**
     * Changes the visibility timeouts of in-flight messages in one batch; returns, per change, null or its error.
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
        PendingCommit commit;
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
                IndexRecord record = record(queue, slot);
                batch.putIndex(
                        queue.queueId(),
                        handle.sequence(),
                        record.withTimers(until[i], record.receiveCount(), record.firstReceiveTimestamp())
                                .encode());
            }
            commit = submit(queue, batch);
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
        commit.await();
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
            awaitOpen(queue);
            long now = clock.millis();
            if (queue.lastPurgeMillis != Long.MIN_VALUE
                    && now - queue.lastPurgeMillis < SqsLimits.PURGE_INTERVAL_SECONDS * 1000L) {
                throw SqsError.PurgeQueueInProgress.with("Only one PurgeQueue operation on "
                        + queue.metadata().name() + " is allowed every 60 seconds.");
            }
            // A send committed without the lock must be in the index before the store's messages are deleted.
            closeForSends(queue);
            try {
                QueueBatch batch = new QueueBatch().deleteAllMessages(queue.queueId());
                putNextSequence(queue, queue.nextSequence, batch);
                // A purge deletes messages, not the queue's move tasks, whose records share the range it clears.
                for (MoveTask task : queue.moveTasks) {
                    batch.putIndex(queue.queueId(), task.record, task.encode());
                }
                store.commit(batch);
                queue.index.clear();
                queue.groups.clear();
                queue.dedup.clear();
                queue.attempts.clear();
                queue.retentionCursor = queue.nextSequence;
                queue.lastPurgeMillis = now;
                queue.purges++;
                queue.changed.signalAll();
            } finally {
                reopen(queue);
            }
        } finally {
            queue.lock.unlock();
        }
    }

    /** Counts the queue's messages by state as of now, deleting those past retention. */
    Counts counts(Queue queue) {
        queue.lock.lock();
        try {
            return counts(queue, clock.millis());
        } finally {
            queue.lock.unlock();
        }
    }

    /** Lock must be held. Counts the queue's messages by state as of {@code now}, deleting those past retention. */
    private Counts counts(Queue queue, long now) {
        QueueBatch batch = new QueueBatch();
        expire(queue, now, batch);
        // Deletions past retention need no wait: the messages are gone from the index whether or not they stick.
        submit(queue, batch);
        queue.index.promote(now);
        MessageIndex index = queue.index;
        return new Counts(index.readyCount(), index.inFlightCount(), index.delayedCount());
    }

    /**
     * The queue's CloudWatch figures as of now, with its counters since the last call, which it resets; null once the
     * queue is deleted. The gauges are those that {@link #counts(Queue)} gives GetQueueAttributes at the same moment,
     * and the counters are read and reset under the queue's lock, as they are counted, so that nothing counted is
     * lost or counted twice.
     */
    @Nullable
    QueueMetrics metrics(Queue queue) {
        queue.lock.lock();
        try {
            if (queue.deleted) {
                return null;
            }
            long now = clock.millis();
            Counts counts = counts(queue, now);
            return queue.counters.drain(queue.metadata(), counts, ageOfOldestMessageSeconds(queue, now));
        } finally {
            queue.lock.unlock();
        }
    }

    /**
     * Lock must be held, and expired messages deleted. ApproximateAgeOfOldestMessage as AWS defines it: the age of the
     * oldest message not deleted (delayed and in-flight ones included), leaving out on a standard queue the messages
     * received {@link #POISON_PILL_RECEIVES} times or more (AWS moves them to the back of the queue and leaves such
     * poison pills out of the metric); a FIFO queue keeps its order, so its oldest message counts however often it
     * was received. 0 when no message counts.
     *
     * <p>Messages come into a queue in the order of their sequences, so the oldest is usually the one at the retention
     * cursor, which {@link #expire} leaves at the lowest sequence the queue holds; only when that one does not count
     * (or a send below it is still pending) is the whole index scanned.
     */
    private static long ageOfOldestMessageSeconds(Queue queue, long now) {
        int receivesMax = queue.fifo() ? Integer.MAX_VALUE : POISON_PILL_RECEIVES;
        MessageIndex index = queue.index;
        int head = index.slot(queue.retentionCursor);
        long arrival = head >= 0 && index.receivesHere(head) < receivesMax
                ? index.arrival(head)
                : index.oldestArrival(receivesMax);
        return arrival == Long.MAX_VALUE ? 0 : Math.max(0, now - arrival) / 1_000;
    }

    /** Marks a queue deleted, so that waiting and later calls see it gone. */
    static void onDeleted(Queue queue) {
        queue.lock.lock();
        try {
            queue.deleted = true;
            queue.index.clear();
            queue.groups.clear();
            queue.dedup.clear();
            queue.attempts.clear();
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
