package dev.wharf.sqs.engine;

import dev.wharf.storage.PendingCommit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One live queue: its metadata, and the owner of its in-memory message index.
 *
 * <p>Metadata is replaced whole under the engine's registry lock and read without a lock; message state is guarded by
 * this object's own {@link #lock} (see docs/THREADING.md). The lock is a {@link ReentrantLock} rather than a monitor
 * so that virtual threads waiting in long polls do not pin their carriers. Lock order: the engine's registry lock,
 * then a queue's lock.
 */
final class Queue {

    private volatile QueueMetadata metadata;

    /** Guards every field below and the index. */
    final ReentrantLock lock = new ReentrantLock();
    /** Signalled when messages may have become receivable, or when the queue is purged or deleted. */
    final Condition changed = lock.newCondition();
    /**
     * Signalled when a standard queue's send has finished its commit, and when a purge or deletion stops waiting for
     * sends; purge and deletion wait on it for {@link #pendingSends} to empty, sends wait on it while {@link #closing}.
     */
    final Condition settled = lock.newCondition();

    final MessageIndex index = new MessageIndex();
    /** FIFO queues only: the message groups. */
    final FifoGroups groups = new FifoGroups();
    /** FIFO queues only: the deduplication window. */
    final DedupWindow dedup = new DedupWindow();
    /** FIFO queues only: recent receives by ReceiveRequestAttemptId, oldest first; kept in memory only. */
    final java.util.LinkedHashMap<String, ReceiveAttempt> attempts = new java.util.LinkedHashMap<>();
    /** Message movement tasks whose source is this queue, oldest first, at most the last ten. Lock must be held. */
    final java.util.ArrayDeque<MoveTask> moveTasks = new java.util.ArrayDeque<>();
    /** The reserved sequence of the next move task's record. Lock must be held. */
    long nextMoveTaskRecord = ReservedSequences.MOVE_TASK_FIRST;
    /** The sequence the next message gets; sequences start at 1. Lock must be held. */
    long nextSequence = 1;
    /**
     * Standard queues only: the first sequence of every send that has taken its sequences but whose commit, done
     * without the lock, has not returned. Lock must be held.
     */
    final java.util.TreeSet<Long> pendingSends = new java.util.TreeSet<>();
    /** Set while a purge or deletion waits for {@link #pendingSends} to empty; sends wait until it clears. */
    boolean closing;
    /**
     * Standard queues only: a NEXT_SEQUENCE value that the store holds (or a lower one); sends hand out sequences
     * below it only, so a send committed out of order never needs to write NEXT_SEQUENCE. Lock must be held.
     */
    long sequenceCeiling;
    /** The lowest sequence that may still need retention checking. Lock must be held. */
    long retentionCursor = 1;
    /** When PurgeQueue last ran, in epoch millis. Lock must be held. */
    long lastPurgeMillis = Long.MIN_VALUE;
    /** How many purges ran; long polls that see it change return empty. Lock must be held. */
    long purges;
    /** Set once the queue is deleted. Lock must be held. */
    boolean deleted;
    /**
     * The last batch submitted to the store for this queue's messages, whose durability implies that of every batch
     * submitted before it; a call that answers from state it did not write itself waits for it. Lock must be held.
     */
    PendingCommit lastSubmitted = PendingCommit.DONE;
    /** How many long polls wait on {@link #changed}. Lock must be held. */
    int waiting;
    /** The queue's CloudWatch counters since the last metrics snapshot; see that class for what guards them. */
    final QueueCounters counters = new QueueCounters();

    /**
     * The messages that one ReceiveMessage with a ReceiveRequestAttemptId returned.
     *
     * @param receiveCounts the receive count each message had after that receive, which its receipt handle carries
     */
    record ReceiveAttempt(long[] sequences, int[] receiveCounts, long expiresAt) {}

    Queue(QueueMetadata metadata) {
        this.metadata = metadata;
    }

    QueueMetadata metadata() {
        return metadata;
    }

    void metadata(QueueMetadata updated) {
        this.metadata = updated;
    }

    long queueId() {
        return metadata.queueId();
    }

    boolean fifo() {
        return metadata.fifo();
    }

    /** Wakes every long poll so that it looks at the queue and the clock again. */
    void wakeWaiters() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** How many long polls are waiting; for tests. */
    int waitingCount() {
        lock.lock();
        try {
            return waiting;
        } finally {
            lock.unlock();
        }
    }
}
