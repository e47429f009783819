package dev.wharf.sns.engine;

import dev.wharf.sns.api.TopicAttributeName;
import dev.wharf.storage.ArchiveBatch;
import dev.wharf.storage.MessageArchiveStore;
import dev.wharf.storage.PendingCommit;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the message archives of FIFO topics with an ArchivePolicy in the {@link MessageArchiveStore} (every message
 * they publish, by archive time and sequence), purges what their retention no longer covers, and runs the background
 * thread that purges and drives {@link Replays}.
 *
 * <p>Memory holds nothing per archived message: a topic's retention, when its archiving began and the time of its
 * newest message live in its {@link Topic}. The archive's name in the store is the topic's ARN; turning archiving on
 * clears whatever an earlier archive of that ARN left.
 *
 * <p>Thread-safe. The thread, {@code wharf-sns-archive} (virtual), starts with the first topic that archives or the
 * first replay, and never before: without {@code background} nothing runs but {@link #runDue()}, so that tests drive
 * purges and replays with a fake clock.
 */
final class Archives implements AutoCloseable {

    /** Entries of one topic that one purge pass deletes at most. */
    static final int PURGE_BATCH = 1_000;
    /** How often the archives are purged when the last pass left nothing behind. */
    static final Duration PURGE_INTERVAL = Duration.ofMinutes(1);
    /** The longest the thread sleeps between rounds, whatever is due. */
    static final Duration IDLE_WAIT_MAX = Duration.ofSeconds(60);
    /** How many rounds {@link #runDue()} runs at most, so that a test cannot loop forever. */
    static final int ROUNDS_MAX = 100_000;

    private static final Logger LOG = LoggerFactory.getLogger(Archives.class);
    private static final long DAY_MILLIS = Duration.ofDays(1).toMillis();

    private final MessageArchiveStore store;
    private final Replays replays;
    private final Topics topics;
    private final Clock clock;
    private final boolean background;
    /** The ARNs of the topics that archive; a purge pass visits these only. */
    private final Set<String> archiving = ConcurrentHashMap.newKeySet();

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** Guarded by {@link #lock}. */
    private @Nullable Thread thread;
    /** Guarded by {@link #lock}. */
    private boolean signalled;
    /** Guarded by {@link #lock}. */
    private boolean closed;
    /** Only the round's caller touches it: when the next purge pass is due, in epoch milliseconds. */
    private long nextPurgeMillis;

    Archives(MessageArchiveStore store, Replays replays, Topics topics, Clock clock, boolean background) {
        this.store = store;
        this.replays = replays;
        this.topics = topics;
        this.clock = clock;
        this.background = background;
    }

    /**
     * Lock must be held: turns the topic's archiving on, off or to a new retention after its ArchivePolicy attribute
     * changed in memory, and returns what to do once the topic's record is durable.
     */
    Runnable onPolicy(Topic topic) {
        int days = ArchivePolicies.retentionDays(topic.attributes.get(TopicAttributeName.ArchivePolicy.name()));
        boolean wasOn = topic.archiveRetentionDays > 0;
        topic.archiveRetentionDays = days;
        if (days > 0 && !wasOn) {
            topic.archiveBeganMillis = clock.millis();
            // An earlier archive of this ARN (archiving turned off, or the topic deleted, just before a crash) goes.
            return () -> {
                store.submit(new ArchiveBatch().deleteArchive(topic.arn));
                archiving.add(topic.arn);
                wake();
            };
        }
        if (days == 0 && wasOn) {
            topic.archiveBeganMillis = 0;
            return () -> {
                archiving.remove(topic.arn);
                store.submit(new ArchiveBatch().deleteArchive(topic.arn));
            };
        }
        return () -> {};
    }

    /** Lock must be held: puts back what {@link #onPolicy} changed, when the topic's record could not be written. */
    static void undo(Topic topic, int retentionDays, long beganMillis) {
        topic.archiveRetentionDays = retentionDays;
        topic.archiveBeganMillis = beganMillis;
    }

    /**
     * Lock must be held: after the store's topics are loaded, takes up a topic's archive where it was: its retention,
     * and the position of its newest message, so that archive times never go back and FIFO sequence numbers go on
     * above the archived ones.
     *
     * @return whether the topic's record must be written again (its archiving began before a crash lost when)
     */
    boolean restore(Topic topic) {
        int days;
        try {
            days = ArchivePolicies.retentionDays(topic.attributes.get(TopicAttributeName.ArchivePolicy.name()));
        } catch (RuntimeException e) {
            LOG.warn("the stored ArchivePolicy of {} does not read; it archives nothing", topic.arn);
            return false;
        }
        topic.archiveRetentionDays = days;
        if (days == 0) {
            return false;
        }
        MessageArchiveStore.Position last = store.last(topic.arn);
        if (last != null) {
            topic.lastArchivedMillis = last.timeMillis();
            topic.lastSequenceNumber = Math.max(topic.lastSequenceNumber, last.sequence());
        }
        archiving.add(topic.arn);
        if (topic.archiveBeganMillis == 0) {
            topic.archiveBeganMillis = clock.millis();
            return true;
        }
        return false;
    }

    /** Starts the thread when a topic archives or a replay waits: the last step of the engine's start. */
    void startIfNeeded() {
        if (!archiving.isEmpty() || replays.active()) {
            wake();
        }
    }

    /**
     * Lock must be held (a FIFO publish holds it): submits the message to its topic's archive when the topic archives.
     * The caller's later commits are durable only after it.
     */
    PendingCommit append(Topic topic, SnsRecords.Published published, byte[] payload) {
        if (topic.archiveRetentionDays == 0) {
            return PendingCommit.DONE;
        }
        long time = Math.max(published.timestampMillis(), topic.lastArchivedMillis);
        topic.lastArchivedMillis = time;
        return store.submit(new ArchiveBatch().append(topic.arn, time, topic.lastSequenceNumber, payload));
    }

    /**
     * Lock must be held: the topic's BeginningArchiveTime, in epoch milliseconds: the later of when its archiving began
     * and the oldest moment its retention still covers; null when it does not archive.
     */
    @Nullable
    Long beginning(Topic topic) {
        if (topic.archiveRetentionDays == 0) {
            return null;
        }
        return Math.max(topic.archiveBeganMillis, clock.millis() - topic.archiveRetentionDays * DAY_MILLIS);
    }

    /** The archive of a deleted topic goes with it, after the topic's deletion is durable. */
    void onDeleted(Topic topic) {
        if (archiving.remove(topic.arn)) {
            store.submit(new ArchiveBatch().deleteArchive(topic.arn));
        }
    }

    /**
     * One purge pass: deletes at most {@value #PURGE_BATCH} expired entries of each topic that archives.
     *
     * @return whether some topic has more expired entries left
     */
    boolean purge() {
        boolean more = false;
        long now = clock.millis();
        for (String arn : archiving) {
            Topic topic = topics.find(arn);
            if (topic == null) {
                continue;
            }
            int days;
            topic.lock.lock();
            try {
                days = topic.deleted ? 0 : topic.archiveRetentionDays;
            } finally {
                topic.lock.unlock();
            }
            long cutoff = now - days * DAY_MILLIS;
            if (days > 0 && cutoff > 0) {
                more |= store.purge(arn, cutoff, PURGE_BATCH) == PURGE_BATCH;
            }
        }
        return more;
    }

    /**
     * One round of background work: a purge pass when it is due, and one step of every replay that is due.
     *
     * @return how long to wait before the next round, 0 for at once
     */
    long runOnce() {
        long now = clock.millis();
        if (now >= nextPurgeMillis) {
            boolean more = purge();
            nextPurgeMillis = now + (more ? 0 : PURGE_INTERVAL.toMillis());
        }
        long replayWait = replays.stepAll();
        long purgeWait = Math.max(0, nextPurgeMillis - clock.millis());
        return Math.min(Math.min(replayWait, purgeWait), IDLE_WAIT_MAX.toMillis());
    }

    /** Runs rounds until nothing more is due by the clock, at most {@value #ROUNDS_MAX}; for tests. */
    void runDue() {
        for (int round = 0; round < ROUNDS_MAX; round++) {
            if (runOnce() > 0) {
                return;
            }
        }
    }

    /** Wakes the thread, starting it on first use; without {@code background} it does nothing. */
    void wake() {
        if (!background) {
            return;
        }
        lock.lock();
        try {
            if (closed) {
                return;
            }
            if (thread == null) {
                thread = Thread.ofVirtual().name("wharf-sns-archive").start(this::run);
            }
            signalled = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        while (true) {
            long waitMillis;
            try {
                waitMillis = runOnce();
            } catch (RuntimeException e) {
                LOG.warn("the SNS archive's background work failed; it goes on in a while: {}", e.toString());
                waitMillis = IDLE_WAIT_MAX.toMillis();
            }
            lock.lock();
            try {
                if (closed) {
                    return;
                }
                long nanos = TimeUnit.MILLISECONDS.toNanos(waitMillis);
                while (!signalled && !closed && nanos > 0) {
                    nanos = changed.awaitNanos(nanos);
                }
                signalled = false;
                if (closed) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
        }
    }

    @Override
    public void close() {
        Thread running;
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
            running = thread;
        } finally {
            lock.unlock();
        }
        if (running != null) {
            running.interrupt();
            try {
                running.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
