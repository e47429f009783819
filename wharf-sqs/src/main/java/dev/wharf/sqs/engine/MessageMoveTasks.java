package dev.wharf.sqs.engine;

import dev.wharf.common.AwsException;
import dev.wharf.sqs.api.ListMessageMoveTasksResultEntry;
import dev.wharf.sqs.api.QueueAttributeName;
import dev.wharf.sqs.api.SqsError;
import dev.wharf.sqs.api.SqsLimits;
import dev.wharf.storage.QueueBatch;
import dev.wharf.storage.QueueStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs message movement tasks (StartMessageMoveTask): moves the messages that a dead-letter queue held when a task
 * started to their own source queues or to one destination, paced by the clock.
 *
 * <p>Each running task has one virtual thread that calls {@link #step} and waits for as long as the step says. A step
 * looks at the source queue under its lock, lets go, then moves each destination's share under both queues' locks,
 * taken lower queue id first, in one commit that deletes the messages from the source, writes them as new messages to
 * the destination and rewrites the task's record. Tests call {@link #step} themselves and run no threads.
 *
 * <p>Thread-safe: a task's state is guarded by its source queue's lock.
 */
final class MessageMoveTasks {

    /** The reason AWS reports when a queue that a task moves from or to was deleted (verified). */
    static final String NON_EXISTENT_QUEUE = "AWS.SimpleQueueService.NonExistentQueue";
    /** AWS tunes the rate of a task without MaxNumberOfMessagesPerSecond; Wharf moves at the highest allowed rate. */
    static final int DEFAULT_MESSAGES_PER_SECOND = SqsLimits.MOVE_TASK_MESSAGES_PER_SECOND_MAX;
    /** Bounds the messages that one step moves, and so how long it holds two queue locks. */
    static final int STEP_MESSAGES_MAX = 100;
    /** Bounds the sequences that one step looks at. */
    static final int STEP_PROBES_MAX = 10_000;
    /** How long a runner waits after a step that could move nothing, as the messages left are in flight. */
    static final long IDLE_MILLIS = 200;
    /** Bounds one wait of a runner, so that it sees a cancel or a deleted queue within a second. */
    static final long WAIT_MAX_MILLIS = 1_000;

    private static final Logger LOG = LoggerFactory.getLogger(MessageMoveTasks.class);

    /** A message that a step means to move, with its FIFO group. */
    private record Candidate(
            long sequence, MessagePayload payload, @Nullable String groupId) {}

    /** What one step found to move, and how far it looked. Used by one thread. */
    private static final class Plan {
        final Map<Queue, List<Candidate>> byDestination = new LinkedHashMap<>();
        final Set<String> heldGroups = new HashSet<>();
        /** The lowest sequence that is still in the source but could not move now. */
        long firstHeld = Long.MAX_VALUE;

        long scanEnd;
        int moved;

        void hold(long sequence, @Nullable String groupId) {
            firstHeld = Math.min(firstHeld, sequence);
            if (groupId != null) {
                heldGroups.add(groupId);
            }
        }

        boolean held(@Nullable String groupId) {
            return groupId != null && heldGroups.contains(groupId);
        }
    }

    private final QueueStore store;
    private final Clock clock;
    private final QueueMessages.QueueResolver resolver;
    private final boolean runInBackground;
    /** The runners' threads, so that {@link #stop} can end them. */
    private final Set<Thread> runners = java.util.concurrent.ConcurrentHashMap.newKeySet();

    MessageMoveTasks(QueueStore store, Clock clock, QueueMessages.QueueResolver resolver, boolean runInBackground) {
        this.store = store;
        this.clock = clock;
        this.resolver = resolver;
        this.runInBackground = runInBackground;
    }

    /**
     * Starts a task on a dead-letter queue and returns its handle. The caller has checked the request; this checks
     * that no other task of the queue is running.
     */
    String start(Queue source, String sourceArn, @Nullable String destinationArn, @Nullable Integer rate) {
        MoveTask task;
        source.lock.lock();
        try {
            if (source.deleted) {
                throw resourceNotFound("SourceArn");
            }
            for (MoveTask existing : source.moveTasks) {
                if (existing.status == MoveTask.Status.RUNNING) {
                    throw SqsError.InvalidParameterValueException.with("There is already a task running. Only one"
                            + " active task is allowed for a source queue arn at a given time.");
                }
            }
            long now = clock.millis();
            QueueBatch batch = new QueueBatch();
            QueueMessages.expire(source, now, batch);
            task = new MoveTask(
                    UUID.randomUUID(),
                    sourceArn,
                    destinationArn,
                    rate == null ? 0 : rate,
                    now,
                    source.index.size(),
                    source.nextSequence,
                    source.nextMoveTaskRecord);
            task.cursor = source.retentionCursor;
            batch.putIndex(source.queueId(), task.record, task.encode());
            MoveTask dropped =
                    source.moveTasks.size() >= SqsLimits.MOVE_TASK_RESULTS_MAX ? source.moveTasks.peekFirst() : null;
            if (dropped != null) {
                batch.deleteMessage(source.queueId(), dropped.record);
            }
            store.commit(batch);
            if (dropped != null) {
                source.moveTasks.pollFirst();
            }
            source.moveTasks.addLast(task);
            source.nextMoveTaskRecord++;
        } finally {
            source.lock.unlock();
        }
        if (runInBackground) {
            launch(source, task);
        }
        return task.taskHandle();
    }

    /** The queue's most recent tasks, newest first. */
    List<ListMessageMoveTasksResultEntry> list(Queue source, int maxResults) {
        source.lock.lock();
        try {
            List<ListMessageMoveTasksResultEntry> entries = new ArrayList<>();
            Iterator<MoveTask> newest = source.moveTasks.descendingIterator();
            while (newest.hasNext() && entries.size() < maxResults) {
                entries.add(newest.next().entry());
            }
            return entries;
        } finally {
            source.lock.unlock();
        }
    }

    /** Cancels a running task and returns how many messages it moved. */
    long cancel(Queue source, String taskId) {
        source.lock.lock();
        try {
            MoveTask task = null;
            for (MoveTask candidate : source.moveTasks) {
                if (candidate.taskId.toString().equals(taskId)) {
                    task = candidate;
                }
            }
            if (task == null) {
                throw SqsError.ResourceNotFoundException.with("Task does not exist.");
            }
            if (task.status != MoveTask.Status.RUNNING) {
                throw SqsError.InvalidParameterValueException.with(
                        "Only a task in the RUNNING status can be cancelled.");
            }
            task.status = MoveTask.Status.CANCELLED;
            try {
                store.commit(new QueueBatch().putIndex(source.queueId(), task.record, task.encode()));
            } catch (RuntimeException e) {
                task.status = MoveTask.Status.RUNNING;
                throw e;
            }
            return task.moved;
        } finally {
            source.lock.unlock();
        }
    }

    /** Starts a runner for every task of the queue that was running when the store was written last. */
    void resume(Queue queue) {
        if (!runInBackground) {
            return;
        }
        for (MoveTask task : running(queue)) {
            launch(queue, task);
        }
    }

    /** Runs one step of every running task; tests use it in place of the runners. */
    void stepAll(Collection<Queue> queues) {
        for (Queue queue : queues) {
            for (MoveTask task : running(queue)) {
                step(queue, task);
            }
        }
    }

    private static List<MoveTask> running(Queue queue) {
        queue.lock.lock();
        try {
            return queue.moveTasks.stream()
                    .filter(task -> task.status == MoveTask.Status.RUNNING)
                    .toList();
        } finally {
            queue.lock.unlock();
        }
    }

    private void launch(Queue source, MoveTask task) {
        Thread runner =
                Thread.ofVirtual().name("wharf-move-task-" + task.taskId).unstarted(() -> run(source, task));
        runners.add(runner);
        runner.start();
    }

    /** Ends every runner; their tasks stay RUNNING, in memory and in the store, and resume at the next start. */
    void stop() {
        for (Thread runner : runners) {
            runner.interrupt();
        }
    }

    private void run(Queue source, MoveTask task) {
        try {
            for (long wait = step(source, task); wait >= 0; wait = step(source, task)) {
                if (wait > 0) {
                    Thread.sleep(Math.min(wait, WAIT_MAX_MILLIS));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // Most likely the store closed under the runner; the durable record still says RUNNING, so the task
            // resumes at the next start.
            LOG.warn("message move task {} stopped", task.taskId, e);
            source.lock.lock();
            try {
                if (task.status == MoveTask.Status.RUNNING) {
                    task.status = MoveTask.Status.FAILED;
                    task.failureReason = "InternalError";
                }
            } finally {
                source.lock.unlock();
            }
        } finally {
            runners.remove(Thread.currentThread());
        }
    }

    /**
     * Moves as many messages as the task's rate allows now. Returns how many milliseconds to wait before the next
     * step, or -1 once the task is no longer running.
     */
    long step(Queue source, MoveTask task) {
        Plan plan;
        long cursorBefore;
        source.lock.lock();
        try {
            if (task.status != MoveTask.Status.RUNNING) {
                return -1;
            }
            if (source.deleted) {
                failDeleted(task);
                return -1;
            }
            long now = clock.millis();
            int allowance = allowance(task, now);
            if (allowance == 0) {
                return millisToNextMessage(task);
            }
            cursorBefore = task.cursor;
            plan = plan(source, task, allowance, now);
            if (plan == null) {
                return -1;
            }
        } finally {
            source.lock.unlock();
        }
        for (Map.Entry<Queue, List<Candidate>> share : plan.byDestination.entrySet()) {
            if (!moveTo(source, share.getKey(), task, share.getValue(), plan)) {
                return -1;
            }
        }
        return finish(source, task, plan, cursorBefore);
    }

    /** Lock must be held. Tops up the task's allowance by its rate; returns how many messages may move now. */
    private static int allowance(MoveTask task, long now) {
        int rate = rate(task);
        long cap = rate * 1_000L;
        if (task.refilledAt == Long.MIN_VALUE) {
            // A task starts, or resumes after a restart, with one second's worth.
            task.allowanceMillis = cap;
        } else {
            task.allowanceMillis = Math.min(cap, task.allowanceMillis + Math.max(0, now - task.refilledAt) * rate);
        }
        task.refilledAt = now;
        return (int) Math.min(STEP_MESSAGES_MAX, task.allowanceMillis / 1_000);
    }

    private static int rate(MoveTask task) {
        return task.maxNumberOfMessagesPerSecond == 0 ? DEFAULT_MESSAGES_PER_SECOND : task.maxNumberOfMessagesPerSecond;
    }

    private static long millisToNextMessage(MoveTask task) {
        long missing = Math.max(0, 1_000 - task.allowanceMillis);
        int rate = rate(task);
        return Math.max(1, (missing + rate - 1) / rate);
    }

    /**
     * Lock must be held. Finds the messages to move in this step: from the task's cursor, in sequence order, those
     * below its end that are ready; on a FIFO queue none behind a message of its group that is not. Returns null when
     * the task failed.
     */
    private @Nullable Plan plan(Queue source, MoveTask task, int allowance, long now) {
        QueueBatch expired = new QueueBatch();
        QueueMessages.expire(source, now, expired);
        store.commit(expired);
        source.index.promote(now);
        Plan plan = new Plan();
        int count = 0;
        long sequence = Math.max(1, task.cursor);
        for (int probes = 0;
                sequence < task.endSequence && count < allowance && probes < STEP_PROBES_MAX;
                probes++, sequence++) {
            int slot = source.index.slot(sequence);
            if (slot < 0) {
                continue;
            }
            int tag = source.index.tag(slot);
            String groupId = tag == 0 ? null : source.groups.groupId(tag);
            if (source.index.state(slot) != MessageIndex.READY || plan.held(groupId)) {
                plan.hold(sequence, groupId);
                continue;
            }
            byte[] bytes = store.readPayload(source.queueId(), sequence);
            if (bytes == null) {
                throw new IllegalStateException("message " + source.queueId() + "/" + sequence + " has no payload");
            }
            MessagePayload payload = MessagePayload.decode(bytes);
            String target = task.destinationArn != null ? task.destinationArn : payload.deadLetterQueueSourceArn();
            Queue destination = target == null ? null : resolver.byArn(target);
            if (destination == null || destination == source) {
                fail(source, task, NON_EXISTENT_QUEUE);
                return null;
            }
            plan.byDestination
                    .computeIfAbsent(destination, queue -> new ArrayList<>())
                    .add(new Candidate(sequence, payload, groupId));
            count++;
        }
        plan.scanEnd = sequence;
        return plan;
    }

    /**
     * Moves one destination's share of a step in one commit, under both queues' locks. Returns false when the task
     * stopped: it was cancelled, or it failed as a queue was deleted.
     */
    private boolean moveTo(Queue source, Queue destination, MoveTask task, List<Candidate> candidates, Plan plan) {
        Queue first = source.queueId() < destination.queueId() ? source : destination;
        Queue second = first == source ? destination : source;
        first.lock.lock();
        second.lock.lock();
        try {
            if (task.status != MoveTask.Status.RUNNING) {
                return false;
            }
            if (source.deleted) {
                failDeleted(task);
                return false;
            }
            if (destination.deleted) {
                fail(source, task, NON_EXISTENT_QUEUE);
                return false;
            }
            long now = clock.millis();
            boolean fifo = destination.fifo();
            long visibleAt = now + destination.metadata().intAttribute(QueueAttributeName.DelaySeconds) * 1_000L;
            long firstSequence = destination.nextSequence;
            QueueBatch batch = new QueueBatch();
            List<Long> moved = new ArrayList<>();
            List<IndexRecord> records = new ArrayList<>();
            for (Candidate candidate : candidates) {
                int slot = source.index.slot(candidate.sequence());
                if (slot < 0) {
                    continue; // Deleted since the step looked.
                }
                if (source.index.state(slot) != MessageIndex.READY || plan.held(candidate.groupId())) {
                    plan.hold(candidate.sequence(), candidate.groupId());
                    continue;
                }
                long sequence = firstSequence + moved.size();
                MessagePayload payload = asNewMessage(candidate.payload(), fifo);
                IndexRecord record = new IndexRecord(visibleAt, 0, 0, now, fifo ? payload.messageGroupId() : null);
                batch.deleteMessage(source.queueId(), candidate.sequence());
                batch.putPayload(destination.queueId(), sequence, payload.encode());
                batch.putIndex(destination.queueId(), sequence, record.encode());
                moved.add(candidate.sequence());
                records.add(record);
            }
            if (moved.isEmpty()) {
                return true;
            }
            long next = firstSequence + moved.size();
            QueueMessages.putNextSequence(destination, next, batch);
            task.moved += moved.size();
            batch.putIndex(source.queueId(), task.record, task.encode());
            try {
                store.commit(batch);
            } catch (RuntimeException e) {
                task.moved -= moved.size();
                throw e;
            }
            for (int i = 0; i < moved.size(); i++) {
                QueueMessages.forget(source, moved.get(i));
                QueueMessages.add(destination, firstSequence + i, records.get(i), now);
            }
            destination.nextSequence = next;
            task.allowanceMillis -= moved.size() * 1_000L;
            plan.moved += moved.size();
            destination.changed.signalAll();
            return true;
        } finally {
            second.lock.unlock();
            first.lock.unlock();
        }
    }

    /**
     * A dead-letter message as the destination gets it: a new message with a new id and, on a FIFO destination, its
     * group and deduplication id; it no longer names the queue it came from.
     */
    private static MessagePayload asNewMessage(MessagePayload payload, boolean fifo) {
        return new MessagePayload(
                QueueMessages.randomMessageId(),
                payload.senderId(),
                payload.body(),
                payload.messageAttributes(),
                payload.awsTraceHeader(),
                fifo ? payload.messageGroupId() : null,
                fifo ? payload.messageDeduplicationId() : null,
                null);
    }

    /** Advances the task's cursor past what this step settled, and completes the task at its end. */
    private long finish(Queue source, MoveTask task, Plan plan, long cursorBefore) {
        source.lock.lock();
        try {
            if (task.status != MoveTask.Status.RUNNING) {
                return -1;
            }
            task.cursor = Math.max(task.cursor, Math.min(plan.firstHeld, plan.scanEnd));
            if (task.cursor >= task.endSequence) {
                task.status = MoveTask.Status.COMPLETED;
                if (!source.deleted) {
                    store.commit(new QueueBatch().putIndex(source.queueId(), task.record, task.encode()));
                }
                return -1;
            }
            if (plan.moved == 0 && task.cursor == cursorBefore) {
                return IDLE_MILLIS;
            }
            return task.allowanceMillis >= 1_000 ? 0 : millisToNextMessage(task);
        } finally {
            source.lock.unlock();
        }
    }

    /** Lock must be held. Fails the task and records why. */
    private void fail(Queue source, MoveTask task, String reason) {
        task.status = MoveTask.Status.FAILED;
        task.failureReason = reason;
        store.commit(new QueueBatch().putIndex(source.queueId(), task.record, task.encode()));
    }

    /** Lock must be held. The source queue is gone, and its records with it, so only memory learns of the failure. */
    private static void failDeleted(MoveTask task) {
        task.status = MoveTask.Status.FAILED;
        task.failureReason = NON_EXISTENT_QUEUE;
    }

    static AwsException resourceNotFound(String parameter) {
        return SqsError.ResourceNotFoundException.with(
                "The resource that you specified for the " + parameter + " parameter doesn't exist.");
    }
}
