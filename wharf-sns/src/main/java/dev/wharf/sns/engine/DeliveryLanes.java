package dev.wharf.sns.engine;

import dev.wharf.sns.engine.delivery.ThrottleGate;
import dev.wharf.sns.engine.delivery.ThrottlePolicy;
import dev.wharf.sns.engine.message.MessageType;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The in-memory index of the deliveries to endpoints outside the server: one lane per subscription, each holding its
 * due deliveries in the order they fall due, and the limits that keep one endpoint from holding up another.
 *
 * <p>A delivery starts when it is due, its subscription's throttle lets it, its endpoint has fewer than {@link
 * Limits#endpointConcurrency} requests in flight and the server fewer than {@link Limits#concurrency}. A lane whose
 * endpoint is busy waits beside it, not in the queue of ready lanes, so it costs nothing until a request to that
 * endpoint ends. The index holds at most {@link Limits#indexedMax} waiting deliveries (bodies stay in the store);
 * beyond that a delivery stays in the store only, and the index asks for a {@linkplain #rescanWanted() rescan} once it
 * has drained to half.
 *
 * <p>Thread-safe: everything is guarded by one lock, held only for a few map and heap operations, never across I/O.
 * Time comes from the injected clock.
 */
final class DeliveryLanes {

    /**
     * The bounds of the index.
     *
     * @param indexedMax the most deliveries waiting in memory
     * @param concurrency the most requests in flight, server-wide
     * @param endpointConcurrency the most requests in flight to one endpoint
     */
    record Limits(int indexedMax, int concurrency, int endpointConcurrency) {
        /** Wharf's choices: about 10 MB of index at most, and as many requests as a small machine serves well. */
        static final Limits DEFAULT = new Limits(100_000, 64, 8);

        Limits {
            if (indexedMax < 2 || concurrency < 1 || endpointConcurrency < 1) {
                throw new IllegalArgumentException(
                        "limits must be positive: " + indexedMax + ", " + concurrency + ", " + endpointConcurrency);
            }
        }
    }

    /** One delivery record of the outbox, as the index knows it: no body, about 50 bytes. */
    static final class Due {
        final long sequence;
        final int target;
        final MessageType type;
        final int attempt;
        final long dueMillis;
        final Lane lane;

        private Due(long sequence, int target, MessageType type, int attempt, long dueMillis, Lane lane) {
            this.sequence = sequence;
            this.target = target;
            this.type = type;
            this.attempt = attempt;
            this.dueMillis = dueMillis;
            this.lane = lane;
        }

        String subscriptionArn() {
            return lane.subscriptionArn;
        }

        Key key() {
            return new Key(sequence, target);
        }
    }

    /** A delivery record's place in the outbox. */
    record Key(long sequence, int target) {}

    /** One subscription's deliveries. Guarded by the index's lock. */
    static final class Lane {
        final String subscriptionArn;
        final Endpoint endpoint;
        final long id;
        final PriorityQueue<Due> pending = new PriorityQueue<>(Comparator.comparingLong((Due d) -> d.dueMillis)
                .thenComparingLong(d -> d.sequence)
                .thenComparingInt(d -> d.target));

        @Nullable
        ThrottlePolicy throttle;

        @Nullable
        ThrottleGate gate;
        /** When the lane may start its next delivery; its key in {@link #ready} while it is there. */
        long nextStart;

        boolean ready;
        boolean waiting;
        int inFlight;

        Lane(String subscriptionArn, Endpoint endpoint, long id) {
            this.subscriptionArn = subscriptionArn;
            this.endpoint = endpoint;
            this.id = id;
        }
    }

    /** The requests in flight to one endpoint, and the lanes waiting for one of them to end. Guarded by the lock. */
    static final class Endpoint {
        final String key;
        int inFlight;
        int lanes;
        final List<Lane> waiting = new ArrayList<>();

        Endpoint(String key) {
            this.key = key;
        }
    }

    private final Clock clock;
    private final Limits limits;
    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled when a delivery may have become startable, or a rescan wanted. */
    private final Condition changed = lock.newCondition();

    private final Map<String, Lane> lanes = new HashMap<>();
    private final Map<String, Endpoint> endpoints = new HashMap<>();
    private final TreeSet<Lane> ready =
            new TreeSet<>(Comparator.comparingLong((Lane l) -> l.nextStart).thenComparingLong(l -> l.id));
    private final Set<Due> inFlight = new HashSet<>();
    private long nextLaneId;
    private int indexed;
    /** Set when a delivery stayed in the store only; cleared when a rescan begins, set again if one stays again. */
    private boolean overflowed;
    /** While a rescan runs, every offer is refused: the rescan's known keys must stay all the index holds. */
    private boolean rescanning;

    DeliveryLanes(Clock clock, Limits limits) {
        this.clock = clock;
        this.limits = limits;
    }

    /**
     * Indexes a delivery, unless the index is full or a delivery already stayed in the store only (so that none is
     * indexed twice); then the caller leaves it in the store for a rescan.
     *
     * @param endpoint the endpoint's key for its concurrency limit: its URL, or a Lambda function's invoke URL
     * @param throttle the subscription's throttle policy, or null for none
     * @return whether it was indexed
     */
    boolean offer(
            long sequence,
            int target,
            MessageType type,
            int attempt,
            long dueMillis,
            String subscriptionArn,
            String endpoint,
            @Nullable ThrottlePolicy throttle) {
        lock.lock();
        try {
            if (overflowed || rescanning || indexed >= limits.indexedMax()) {
                // Left in the store: the next rescan finds it (one follows every rescan that refused a delivery).
                overflowed = true;
                return false;
            }
            add(sequence, target, type, attempt, dueMillis, subscriptionArn, endpoint, throttle);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** As {@link #offer}, for a rescan: only room counts, since the rescan knows what the index holds. */
    boolean offerRescanned(
            long sequence,
            int target,
            MessageType type,
            int attempt,
            long dueMillis,
            String subscriptionArn,
            String endpoint,
            @Nullable ThrottlePolicy throttle) {
        lock.lock();
        try {
            if (indexed >= limits.indexedMax()) {
                return false;
            }
            add(sequence, target, type, attempt, dueMillis, subscriptionArn, endpoint, throttle);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Lock must be held. */
    private void add(
            long sequence,
            int target,
            MessageType type,
            int attempt,
            long dueMillis,
            String subscriptionArn,
            String endpointKey,
            @Nullable ThrottlePolicy throttle) {
        Lane lane = lanes.get(subscriptionArn);
        if (lane == null) {
            Endpoint endpoint = endpoints.computeIfAbsent(endpointKey, Endpoint::new);
            endpoint.lanes++;
            lane = new Lane(subscriptionArn, endpoint, nextLaneId++);
            lanes.put(subscriptionArn, lane);
        }
        throttle(lane, throttle);
        lane.pending.add(new Due(sequence, target, type, attempt, dueMillis, lane));
        indexed++;
        if (!lane.waiting) {
            schedule(lane);
        }
    }

    /** Lock must be held: a changed policy takes a new gate, an unchanged one keeps its state. */
    private void throttle(Lane lane, @Nullable ThrottlePolicy throttle) {
        if (!Objects.equals(lane.throttle, throttle)) {
            lane.throttle = throttle;
            lane.gate = throttle == null ? null : new ThrottleGate(clock, throttle);
        }
    }

    /** Lock must be held: puts the lane among the ready ones at its head's due time, or takes it out when empty. */
    private void schedule(Lane lane) {
        if (lane.ready) {
            ready.remove(lane);
            lane.ready = false;
        }
        Due head = lane.pending.peek();
        if (head != null) {
            lane.nextStart = head.dueMillis;
            lane.ready = true;
            ready.add(lane);
            changed.signalAll();
        }
    }

    /** Takes every delivery that may start now, counting each in flight until {@link #finished} is called for it. */
    List<Due> takeStartable() {
        lock.lock();
        try {
            long now = clock.millis();
            List<Due> out = new ArrayList<>();
            while (inFlight.size() < limits.concurrency() && !ready.isEmpty()) {
                Lane lane = ready.first();
                if (lane.nextStart > now) {
                    break;
                }
                ready.pollFirst();
                lane.ready = false;
                if (lane.endpoint.inFlight >= limits.endpointConcurrency()) {
                    lane.waiting = true;
                    lane.endpoint.waiting.add(lane);
                    continue;
                }
                ThrottleGate gate = lane.gate;
                if (gate != null && !gate.tryAcquire()) {
                    // Whole milliseconds, rounded up: the gate opens after now, so the lane comes back later.
                    lane.nextStart = ceilMillis(gate.nextStart());
                    lane.ready = true;
                    ready.add(lane);
                    continue;
                }
                Due due = Objects.requireNonNull(lane.pending.poll());
                indexed--;
                lane.inFlight++;
                lane.endpoint.inFlight++;
                inFlight.add(due);
                out.add(due);
                schedule(lane);
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    private static long ceilMillis(java.time.Instant instant) {
        long millis = instant.toEpochMilli();
        return instant.getNano() % 1_000_000 == 0 ? millis : millis + 1;
    }

    /** Ends a delivery that {@link #takeStartable} handed out, whatever became of it. */
    void finished(Due due) {
        lock.lock();
        try {
            if (!inFlight.remove(due)) {
                throw new IllegalStateException("not in flight: " + due.key());
            }
            Lane lane = due.lane;
            Endpoint endpoint = lane.endpoint;
            lane.inFlight--;
            endpoint.inFlight--;
            for (Lane waiting : endpoint.waiting) {
                waiting.waiting = false;
                schedule(waiting);
            }
            endpoint.waiting.clear();
            if (lane.pending.isEmpty() && lane.inFlight == 0 && !lane.waiting) {
                lanes.remove(lane.subscriptionArn);
                if (--endpoint.lanes == 0) {
                    endpoints.remove(endpoint.key);
                }
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Updates a subscription's throttle, as an attempt finds its policy now. */
    void throttle(String subscriptionArn, @Nullable ThrottlePolicy throttle) {
        lock.lock();
        try {
            Lane lane = lanes.get(subscriptionArn);
            if (lane != null) {
                throttle(lane, throttle);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Whether deliveries stayed in the store only, and the index has drained to half: time to look for them. */
    boolean rescanWanted() {
        lock.lock();
        try {
            return overflowed && !rescanning && indexed + inFlight.size() < limits.indexedMax() / 2;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Begins a rescan: until it ends, {@link #offer} leaves every delivery in the store, so that the keys returned here
     * stay every delivery the index holds or has in flight, and the rescan indexes none of them twice.
     *
     * @return the keys of every delivery the index holds or has in flight
     */
    Set<Key> beginRescan() {
        lock.lock();
        try {
            rescanning = true;
            overflowed = false;
            Set<Key> known = new HashSet<>();
            for (Lane lane : lanes.values()) {
                for (Due due : lane.pending) {
                    known.add(due.key());
                }
            }
            for (Due due : inFlight) {
                known.add(due.key());
            }
            return known;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Ends a rescan.
     *
     * @param complete whether the rescan indexed everything it found; if not, or if an offer was refused meanwhile,
     *     another rescan follows once the index drains to half again
     */
    void endRescan(boolean complete) {
        lock.lock();
        try {
            rescanning = false;
            if (!complete) {
                overflowed = true;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until a delivery may start or a rescan is wanted, but at most {@code maxWaitMillis}; a wait that a clock
     * running backwards makes longer is bounded the same way.
     */
    void awaitWork(long maxWaitMillis) throws InterruptedException {
        lock.lock();
        try {
            long now = clock.millis();
            long until = ready.isEmpty() || inFlight.size() >= limits.concurrency()
                    ? Long.MAX_VALUE
                    : ready.first().nextStart;
            boolean rescan = overflowed && !rescanning && indexed + inFlight.size() < limits.indexedMax() / 2;
            if (until <= now || rescan) {
                return;
            }
            long wait = Math.min(maxWaitMillis, until - now);
            changed.await(wait, TimeUnit.MILLISECONDS);
        } finally {
            lock.unlock();
        }
    }

    /** Wakes {@link #awaitWork} at once, as when the engine stops. */
    void wake() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The most deliveries that may wait in memory. */
    int capacity() {
        return limits.indexedMax();
    }

    /** How many deliveries wait in memory, not counting those in flight. */
    int indexed() {
        lock.lock();
        try {
            return indexed;
        } finally {
            lock.unlock();
        }
    }

    /** How many requests are in flight. */
    int inFlight() {
        lock.lock();
        try {
            return inFlight.size();
        } finally {
            lock.unlock();
        }
    }

    /** The earliest instant a waiting delivery may start, in epoch milliseconds, or null when none waits. */
    @Nullable
    Long nextStart() {
        lock.lock();
        try {
            return ready.isEmpty() ? null : ready.first().nextStart;
        } finally {
            lock.unlock();
        }
    }
}
