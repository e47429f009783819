package dev.wharf.sqs.engine;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * One queue's in-memory message index: per message its state and timers, in primitive arrays, with the ready messages
 * in arrival order and the delayed and in-flight messages ordered by when they become visible.
 *
 * <p>Each message costs one slot of an open-addressing table keyed by sequence (five primitive columns) plus one entry
 * in either the ready ring or the timer heap; nothing per message is an object. The ring and the heap drop entries
 * lazily: an entry whose message has since changed state is skipped when met, and both are compacted when stale
 * entries outnumber live ones.
 *
 * <p>Messages that a RedrivePolicy moved in (only a dead-letter queue holds them) also keep when they arrived and
 * their receive count then, in a map beside the table, so that other queues pay nothing for them.
 *
 * <p>Not thread-safe: the owning {@link Queue}'s lock must be held for every call.
 */
final class MessageIndex {

    static final byte READY = 1;
    static final byte DELAYED = 2;
    static final byte IN_FLIGHT = 3;

    private static final int MIN_CAPACITY = 16;
    private static final int COMPACT_SLACK = 64;

    // The table: keys[slot] == 0 marks a free slot, as sequences start at 1.
    private long[] keys = new long[MIN_CAPACITY];
    private long[] visibleAt = new long[MIN_CAPACITY];
    private long[] sentTimestamp = new long[MIN_CAPACITY];
    /** Millis from sent to first receive, or -1 before it; fits an int as retention is at most 14 days. */
    private int[] firstReceiveOffset = new int[MIN_CAPACITY];

    private int[] receiveCount = new int[MIN_CAPACITY];
    /** A caller's small number per message; FIFO queues keep the message group's number here. */
    private int[] tag = new int[MIN_CAPACITY];

    private byte[] state = new byte[MIN_CAPACITY];
    private int size;

    /** The arrival of each message moved in by a redrive, by sequence; empty on most queues. */
    private final java.util.HashMap<Long, Arrival> arrivals = new java.util.HashMap<>();

    private final SequenceRing ready = new SequenceRing();
    private final TimerHeap timers = new TimerHeap();
    private int readyCount;
    private int delayedCount;
    private int inFlightCount;

    /** When a moved message came into the queue, and how often it had been received by then. */
    private record Arrival(long timestamp, int receiveCount) {}

    int size() {
        return size;
    }

    int readyCount() {
        return readyCount;
    }

    int delayedCount() {
        return delayedCount;
    }

    int inFlightCount() {
        return inFlightCount;
    }

    /** Adds a message; it is ready, delayed or in flight by its receive count and whether it is visible at now. */
    void add(long sequence, IndexRecord record, long now) {
        add(sequence, record, now, 0);
    }

    /** Adds a message with a tag (see {@link #tag(int)}). */
    void add(long sequence, IndexRecord record, long now, int messageTag) {
        if ((size + 1) * 4L > keys.length * 3L) {
            resize(keys.length * 2);
        }
        int slot = home(sequence, keys.length - 1);
        while (keys[slot] != 0) {
            if (keys[slot] == sequence) {
                throw new IllegalStateException("sequence " + sequence + " is indexed twice");
            }
            slot = (slot + 1) & (keys.length - 1);
        }
        keys[slot] = sequence;
        sentTimestamp[slot] = record.sentTimestamp();
        firstReceiveOffset[slot] = offset(record.firstReceiveTimestamp(), record.sentTimestamp());
        receiveCount[slot] = record.receiveCount();
        tag[slot] = messageTag;
        state[slot] = 0;
        size++;
        if (record.moved()) {
            arrivals.put(sequence, new Arrival(record.arrivalTimestamp(), record.arrivalReceiveCount()));
        }
        schedule(slot, record.visibleAt(), now);
    }

    /** The slot of a message, or -1 when the queue does not hold it. */
    int slot(long sequence) {
        if (sequence <= 0) {
            return -1;
        }
        int mask = keys.length - 1;
        int slot = home(sequence, mask);
        while (keys[slot] != 0) {
            if (keys[slot] == sequence) {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }

    byte state(int slot) {
        return state[slot];
    }

    long visibleAt(int slot) {
        return visibleAt[slot];
    }

    long sentTimestamp(int slot) {
        return sentTimestamp[slot];
    }

    long firstReceiveTimestamp(int slot) {
        return firstReceiveOffset[slot] < 0 ? 0 : sentTimestamp[slot] + firstReceiveOffset[slot];
    }

    private static int offset(long firstReceiveTimestamp, long sentTimestamp) {
        if (firstReceiveTimestamp == 0) {
            return -1;
        }
        return (int) Math.min(Integer.MAX_VALUE, Math.max(0, firstReceiveTimestamp - sentTimestamp));
    }

    int receiveCount(int slot) {
        return receiveCount[slot];
    }

    int tag(int slot) {
        return tag[slot];
    }

    /** The durable form of a message's current state, without its message group (which the caller keeps). */
    IndexRecord record(int slot) {
        Arrival arrival = movedArrival(slot);
        return new IndexRecord(
                visibleAt[slot],
                receiveCount[slot],
                firstReceiveTimestamp(slot),
                sentTimestamp[slot],
                null,
                arrival == null ? sentTimestamp[slot] : arrival.timestamp(),
                arrival == null ? 0 : arrival.receiveCount());
    }

    private @Nullable Arrival movedArrival(int slot) {
        return arrivals.isEmpty() ? null : arrivals.get(keys[slot]);
    }

    /** Records a receive: counts it, and hides the message until {@code until}. */
    void onReceive(long sequence, long now, long until) {
        int slot = slot(sequence);
        if (slot < 0) {
            return;
        }
        receiveCount[slot]++;
        if (firstReceiveOffset[slot] < 0) {
            firstReceiveOffset[slot] = offset(now, sentTimestamp[slot]);
        }
        schedule(slot, until, now);
    }

    /** Makes a message visible at {@code until} (now or later), keeping its counters. */
    void changeVisibility(long sequence, long now, long until) {
        int slot = slot(sequence);
        if (slot >= 0) {
            schedule(slot, until, now);
        }
    }

    private void schedule(int slot, long until, long now) {
        visibleAt[slot] = until;
        if (until <= now) {
            setState(slot, READY);
            ready.addLast(keys[slot]);
        } else {
            setState(slot, receiveCount[slot] == 0 ? DELAYED : IN_FLIGHT);
            timers.push(until, keys[slot]);
        }
    }

    private void setState(int slot, byte next) {
        count(state[slot], -1);
        state[slot] = next;
        count(next, 1);
    }

    private void count(byte which, int delta) {
        switch (which) {
            case READY -> readyCount += delta;
            case DELAYED -> delayedCount += delta;
            case IN_FLIGHT -> inFlightCount += delta;
            default -> {
                // A slot being filled has no state yet.
            }
        }
    }

    /** Moves every delayed or in-flight message whose time has come to the ready messages. */
    void promote(long now) {
        while (!timers.isEmpty() && timers.peekTime() <= now) {
            long time = timers.peekTime();
            long sequence = timers.peekSequence();
            timers.pop();
            int slot = slot(sequence);
            if (slot >= 0 && state[slot] != READY && visibleAt[slot] == time) {
                setState(slot, READY);
                ready.addLast(sequence);
            }
        }
        if (timers.size() > 2 * (delayedCount + inFlightCount) + COMPACT_SLACK) {
            timers.retain(this::isTimed);
        }
    }

    /**
     * When the message came into the queue, from which ApproximateAgeOfOldestMessage counts its age: its SentTimestamp,
     * or when a redrive moved it here.
     */
    long arrival(int slot) {
        Arrival arrival = movedArrival(slot);
        return arrival == null ? sentTimestamp[slot] : arrival.timestamp();
    }

    /** How often the message was received in this queue: since a redrive moved it here, if one did. */
    int receivesHere(int slot) {
        Arrival arrival = movedArrival(slot);
        return receiveCount[slot] - (arrival == null ? 0 : arrival.receiveCount());
    }

    /**
     * The earliest {@link #arrival} of the messages received fewer than {@code receivesMax} times here, in any state,
     * or {@code Long.MAX_VALUE} when there is none. Visits every slot of the table, so the caller asks only when the
     * oldest message cannot be found by its sequence.
     */
    long oldestArrival(int receivesMax) {
        long oldest = Long.MAX_VALUE;
        for (int slot = 0; slot < keys.length; slot++) {
            if (keys[slot] != 0 && receivesHere(slot) < receivesMax) {
                oldest = Math.min(oldest, arrival(slot));
            }
        }
        return oldest;
    }

    /** When the next delayed or in-flight message may become visible, or {@code Long.MAX_VALUE}. */
    long nextTimer() {
        return timers.isEmpty() ? Long.MAX_VALUE : timers.peekTime();
    }

    /**
     * Takes up to {@code max} ready messages, oldest first, out of the ready order; they stay ready until {@link
     * #onReceive} or are put back with {@link #untake}.
     */
    long[] take(int max) {
        long[] taken = new long[Math.min(max, readyCount)];
        int count = 0;
        while (count < taken.length && !ready.isEmpty()) {
            long sequence = ready.pollFirst();
            int slot = slot(sequence);
            if (slot >= 0 && state[slot] == READY && !contains(taken, count, sequence)) {
                taken[count++] = sequence;
            }
        }
        if (ready.size() > 2 * readyCount + COMPACT_SLACK) {
            ready.retain(this::isReady);
        }
        return count == taken.length ? taken : Arrays.copyOf(taken, count);
    }

    private static boolean contains(long[] values, int count, long value) {
        for (int i = 0; i < count; i++) {
            if (values[i] == value) {
                return true;
            }
        }
        return false;
    }

    /**
     * Empties the ready order, passing each message still ready to {@code onReady}; FIFO queues keep their own order
     * per message group and use the ready order only to learn which messages became ready.
     */
    void drainReady(java.util.function.LongConsumer onReady) {
        while (!ready.isEmpty()) {
            long sequence = ready.pollFirst();
            int slot = slot(sequence);
            if (slot >= 0 && state[slot] == READY) {
                onReady.accept(sequence);
            }
        }
    }

    /** Puts back, at the head of the ready order, messages that {@link #take} returned but were not received. */
    void untake(long[] taken) {
        for (int i = taken.length - 1; i >= 0; i--) {
            ready.addFirst(taken[i]);
        }
    }

    private boolean isReady(long sequence) {
        int slot = slot(sequence);
        return slot >= 0 && state[slot] == READY;
    }

    private boolean isTimed(long time, long sequence) {
        int slot = slot(sequence);
        return slot >= 0 && state[slot] != READY && visibleAt[slot] == time;
    }

    /** Forgets a message; its entries in the ready order or the timers are dropped when met. */
    void remove(long sequence) {
        int slot = slot(sequence);
        if (slot < 0) {
            return;
        }
        count(state[slot], -1);
        removeAt(slot);
        size--;
        if (!arrivals.isEmpty()) {
            arrivals.remove(sequence);
        }
        if (keys.length > MIN_CAPACITY && size * 8L < keys.length) {
            resize(keys.length / 2);
        }
    }

    /** Forgets every message. */
    void clear() {
        allocate(MIN_CAPACITY);
        size = 0;
        readyCount = 0;
        delayedCount = 0;
        inFlightCount = 0;
        arrivals.clear();
        ready.clear();
        timers.clear();
    }

    // Linear probing with backward-shift deletion, so no tombstones accumulate.
    private void removeAt(int freed) {
        int mask = keys.length - 1;
        int hole = freed;
        int next = hole;
        while (true) {
            next = (next + 1) & mask;
            if (keys[next] == 0) {
                break;
            }
            int home = home(keys[next], mask);
            boolean stays = hole <= next ? hole < home && home <= next : hole < home || home <= next;
            if (!stays) {
                move(next, hole);
                hole = next;
            }
        }
        keys[hole] = 0;
        state[hole] = 0;
    }

    private void move(int from, int to) {
        keys[to] = keys[from];
        visibleAt[to] = visibleAt[from];
        sentTimestamp[to] = sentTimestamp[from];
        firstReceiveOffset[to] = firstReceiveOffset[from];
        receiveCount[to] = receiveCount[from];
        tag[to] = tag[from];
        state[to] = state[from];
    }

    /** Replaces every per-message array with an empty one of the given capacity. */
    private void allocate(int capacity) {
        keys = new long[capacity];
        visibleAt = new long[capacity];
        sentTimestamp = new long[capacity];
        firstReceiveOffset = new int[capacity];
        receiveCount = new int[capacity];
        tag = new int[capacity];
        state = new byte[capacity];
    }

    private void resize(int capacity) {
        long[] oldKeys = keys;
        long[] oldVisibleAt = visibleAt;
        long[] oldSent = sentTimestamp;
        int[] oldFirst = firstReceiveOffset;
        int[] oldCount = receiveCount;
        int[] oldTag = tag;
        byte[] oldState = state;
        allocate(capacity);
        int mask = capacity - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != 0) {
                int slot = home(oldKeys[i], mask);
                while (keys[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = oldKeys[i];
                visibleAt[slot] = oldVisibleAt[i];
                sentTimestamp[slot] = oldSent[i];
                firstReceiveOffset[slot] = oldFirst[i];
                receiveCount[slot] = oldCount[i];
                tag[slot] = oldTag[i];
                state[slot] = oldState[i];
            }
        }
    }

    private static int home(long sequence, int mask) {
        long mixed = sequence * 0x9E3779B97F4A7C15L;
        return (int) (mixed ^ (mixed >>> 32)) & mask;
    }
}
