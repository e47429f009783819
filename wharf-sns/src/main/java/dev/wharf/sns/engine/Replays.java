package dev.wharf.sns.engine;

import dev.wharf.common.AwsException;
import dev.wharf.sqs.api.QueueDelivery;
import dev.wharf.sqs.api.QueueDeliveryPort;
import dev.wharf.sqs.api.SqsError;
import dev.wharf.storage.MessageArchiveStore;
import dev.wharf.storage.TopicBatch;
import dev.wharf.storage.TopicStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays a FIFO topic's archive to one subscription, as its ReplayPolicy asks: the archived messages of a time window,
 * in archive order, through the subscription's filter policy and raw delivery setting, each as the notification that
 * the original delivery carried (same MessageId, Timestamp and SequenceNumber).
 *
 * <p>Each replay's state is a {@code r/<subscription ARN>} record in the {@link TopicStore}, rewritten after every step
 * of at most {@value #STEP_MESSAGES} messages, so that a restart goes on from the last step written (a step's messages
 * may then arrive twice) and a Completed replay is not made again. Memory holds one small object per subscription that
 * ever asked for a replay; the messages stay in the {@link MessageArchiveStore}.
 *
 * <p>Thread-safe. Steps run on {@link Archives}' one thread (or a test's), never on a request's. {@link #records} is
 * held across each write of a replay record, with a check that the replay is still its subscription's, so that a step
 * of a replay that a new ReplayPolicy replaced (or Unsubscribe ended) never writes over its successor; it is never
 * held while delivering, and never taken under a topic's lock nor the other way round.
 */
final class Replays {

    /** Where a replay is: ReplayStatus's values. */
    enum Status {
        Pending,
        Running,
        Completed,
        Failed
    }

    /** Archived messages that one step of one replay reads and delivers at most. */
    static final int STEP_MESSAGES = 10;
    /** Steps in a row that may fail on the server's side before the replay is Failed. */
    static final int FAILED_STEPS_MAX = 10;
    /** How long a replay waits after a step that failed on the server's side. */
    static final Duration RETRY_DELAY = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(Replays.class);

    /** One subscription's replay. Its mutable fields are touched by the stepping thread, status read by anyone. */
    private static final class Replay {
        final String subscriptionArn;
        final long startMillis;
        final long endMillis;
        volatile Status status;
        long nextMillis;
        long nextSequence;
        int failures;
        /** When the next step may run, in epoch milliseconds. */
        long dueMillis;

        Replay(SnsRecords.ReplayRecord record) {
            this.subscriptionArn = record.subscriptionArn();
            this.startMillis = record.startMillis();
            this.endMillis = record.endMillis();
            this.status = Status.valueOf(record.status());
            this.nextMillis = record.nextMillis();
            this.nextSequence = record.nextSequence();
            this.failures = record.failures();
        }

        boolean active() {
            return status == Status.Pending || status == Status.Running;
        }

        SnsRecords.ReplayRecord record() {
            return new SnsRecords.ReplayRecord(
                    subscriptionArn, startMillis, endMillis, status.name(), nextMillis, nextSequence, failures);
        }
    }

    private record Entry(long timeMillis, long sequence, byte[] payload) {}

    private final TopicStore store;
    private final MessageArchiveStore archive;
    private final Topics topics;
    private final QueueDeliveryPort queues;
    private final QueueNotifications notifications;
    private final DeadLetters deadLetters;
    private final Clock clock;
    private final Map<String, Replay> bySubscription = new ConcurrentHashMap<>();
    private final ReentrantLock records = new ReentrantLock();

    Replays(
            TopicStore store,
            MessageArchiveStore archive,
            Topics topics,
            QueueDeliveryPort queues,
            QueueNotifications notifications,
            DeadLetters deadLetters,
            Clock clock) {
        this.store = store;
        this.archive = archive;
        this.topics = topics;
        this.queues = queues;
        this.notifications = notifications;
        this.deadLetters = deadLetters;
        this.clock = clock;
    }

    /** The subscription's ReplayStatus, or null when it never asked for a replay. */
    @Nullable
    String status(String subscriptionArn) {
        Replay replay = bySubscription.get(subscriptionArn);
        return replay == null ? null : replay.status.name();
    }

    /** Whether some replay is Pending or Running. */
    boolean active() {
        for (Replay replay : bySubscription.values()) {
            if (replay.active()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Starts a replay of a window that {@link ReplayPolicies#checkAgainstArchive} accepted, replacing the one the
     * subscription had, and returns once its record is durable. The window ends at its EndingPoint, or now when it has
     * none or names a later one: what is published after now reaches the subscription as it is published.
     */
    void start(String subscriptionArn, ReplayPolicies.Window window) {
        long now = clock.millis();
        long end = window.endMillis() == null ? now : Math.min(window.endMillis(), now);
        Replay replay = new Replay(new SnsRecords.ReplayRecord(
                subscriptionArn, window.startMillis(), end, Status.Pending.name(), window.startMillis(), 0, 0));
        records.lock();
        try {
            store.commit(
                    new TopicBatch().put(SnsRecords.replayKey(subscriptionArn), SnsRecords.encode(replay.record())));
            bySubscription.put(subscriptionArn, replay);
        } finally {
            records.unlock();
        }
    }

    /** Ends the subscription's replay and forgets it, as an empty ReplayPolicy asks; returns once that is durable. */
    void cancel(String subscriptionArn) {
        records.lock();
        try {
            if (bySubscription.remove(subscriptionArn) != null) {
                store.commit(new TopicBatch().delete(SnsRecords.replayKey(subscriptionArn)));
            }
        } finally {
            records.unlock();
        }
    }

    /** Forgets the replay of a subscription that is gone; its record went with the subscription's. */
    void forget(String subscriptionArn) {
        records.lock();
        try {
            bySubscription.remove(subscriptionArn);
        } finally {
            records.unlock();
        }
    }

    /** Loads every replay record at start; those of subscriptions that are gone are deleted. */
    void restore() {
        TopicBatch gone = new TopicBatch();
        store.scan(SnsRecords.REPLAY_PREFIX, (key, value) -> {
            SnsRecords.ReplayRecord record = SnsRecords.decode(value, SnsRecords.ReplayRecord.class);
            if (topics.subscription(record.subscriptionArn()) == null) {
                gone.delete(key);
            } else {
                bySubscription.put(record.subscriptionArn(), new Replay(record));
            }
        });
        store.commit(gone);
    }

    /**
     * Runs one step of every active replay that is due.
     *
     * @return how long until a replay has a step due: 0 when one has more to do now, {@link Long#MAX_VALUE} when none
     *     is active
     */
    long stepAll() {
        long wait = Long.MAX_VALUE;
        for (Replay replay : new ArrayList<>(bySubscription.values())) {
            if (!replay.active()) {
                continue;
            }
            long now = clock.millis();
            if (replay.dueMillis > now) {
                wait = Math.min(wait, replay.dueMillis - now);
                continue;
            }
            try {
                step(replay);
            } catch (RuntimeException e) {
                LOG.warn("a replay step for {} failed; it is tried again: {}", replay.subscriptionArn, e.toString());
                failed(replay);
                try {
                    persist(replay);
                } catch (RuntimeException ignored) {
                    // The record stays as the last step left it: the next start goes on from there.
                }
            }
            if (replay.active()) {
                wait = Math.min(wait, Math.max(0, replay.dueMillis - clock.millis()));
            }
        }
        return wait;
    }

    private void step(Replay replay) {
        Subscription subscription = topics.subscription(replay.subscriptionArn);
        if (subscription == null) {
            forget(replay.subscriptionArn);
            return;
        }
        if (!subscription.protocol().equals("sqs")) {
            // Wharf delivers to no other protocol that a FIFO topic takes (Firehose), so there is nothing to replay.
            replay.status = Status.Completed;
            persist(replay);
            return;
        }
        if (replay.status == Status.Pending) {
            replay.status = Status.Running;
            persist(replay);
        }
        List<Entry> entries = new ArrayList<>(STEP_MESSAGES);
        archive.scan(
                subscription.topicArn(),
                replay.nextMillis,
                replay.nextSequence,
                replay.endMillis,
                STEP_MESSAGES,
                (time, sequence, payload) -> entries.add(new Entry(time, sequence, payload)));
        for (Entry entry : entries) {
            SnsRecords.Published published = SnsRecords.decode(entry.payload(), SnsRecords.Published.class);
            if (Publisher.matches(subscription, published) && !deliver(replay, subscription, published)) {
                persist(replay);
                return;
            }
            advancePast(replay, entry);
        }
        replay.failures = 0;
        if (entries.size() < STEP_MESSAGES) {
            replay.status = Status.Completed;
        }
        persist(replay);
    }

    private static void advancePast(Replay replay, Entry entry) {
        if (entry.sequence() == Long.MAX_VALUE) {
            replay.nextMillis = entry.timeMillis() + 1;
            replay.nextSequence = 0;
        } else {
            replay.nextMillis = entry.timeMillis();
            replay.nextSequence = entry.sequence() + 1;
        }
    }

    /**
     * Delivers one archived message as its original delivery did. A queue that is gone or refuses the topic fails the
     * replay; a message the queue refuses goes to the subscription's dead-letter queue, as a first delivery's would;
     * a failure on the server's side makes the step wait and try again.
     *
     * @return whether the replay goes on past this message
     */
    private boolean deliver(Replay replay, Subscription subscription, SnsRecords.Published published) {
        QueueDelivery delivery = notifications.delivery(published, subscription, Deliveries.accountOf(published));
        try {
            queues.deliver(delivery);
            return true;
        } catch (AwsException e) {
            if (e.code() == SqsError.QueueDoesNotExist || e.code() == SqsError.InvalidSecurity) {
                LOG.info("the replay for {} failed: {}", subscription.arn(), e.getMessage());
                replay.status = Status.Failed;
                return false;
            }
            if (e.code().senderFault()) {
                deadLetters.send(
                        subscription,
                        new DeadLetters.Undelivered(
                                published,
                                delivery.body(),
                                delivery.attributes(),
                                delivery.messageGroupId(),
                                e.code().queryCode(),
                                Objects.requireNonNullElse(e.getMessage(), "")),
                        // A replay is no notification of a publish: the topic's figures count none of it (chosen).
                        null);
                return true;
            }
            failed(replay);
            return false;
        }
    }

    /** Counts a step that failed on the server's side: the replay waits, or is Failed after too many in a row. */
    private void failed(Replay replay) {
        replay.failures++;
        if (replay.failures >= FAILED_STEPS_MAX) {
            replay.status = Status.Failed;
        } else {
            replay.dueMillis = clock.millis() + RETRY_DELAY.toMillis();
        }
    }

    /** Writes the replay's record, unless a newer replay of its subscription, or none, has taken its place. */
    private void persist(Replay replay) {
        records.lock();
        try {
            if (bySubscription.get(replay.subscriptionArn) == replay) {
                store.commit(new TopicBatch()
                        .put(SnsRecords.replayKey(replay.subscriptionArn), SnsRecords.encode(replay.record())));
            }
        } finally {
            records.unlock();
        }
    }
}
