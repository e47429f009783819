package dev.wharf.server;

import java.util.concurrent.atomic.LongAdder;

/**
 * Gives the memory that a burst of work grew the heap by back to the system once the server falls idle: after
 * {@link #IDLE_NANOS} with no request running and none started, one full collection, which with the launcher's heap
 * ratios shrinks the heap to little more than what is live. A long poll still waiting counts as work: what it holds is
 * live until it answers.
 *
 * <p>The serial collector shrinks the heap only in a full collection, and an idle server runs none, so without this a
 * burst (a load test, a fuzzer's million requests) would leave the RSS at its peak for good. The collection runs at
 * most once per idle period, so a busy server never pays for it. {@link #onStart} and {@link #onFinish} are called from
 * any thread; {@link #check} from one timer thread.
 */
final class IdleHeapRelease {

    /** How long the server must have had no request before the heap is released. */
    static final long IDLE_NANOS = 10_000_000_000L;

    /** How often {@link #check} should run. */
    static final long CHECK_SECONDS = 2;

    private final LongAdder requests = new LongAdder();
    private final LongAdder running = new LongAdder();
    private final Runnable collect;
    private long seenRequests;
    private long lastActivityNanos;
    private boolean released = true;

    IdleHeapRelease() {
        // Twice: what the first collection finds only weakly reachable (the cleaners of direct buffers, among others)
        // is freed by the second, which then shrinks the heap to what is really live.
        this(() -> {
            System.gc();
            System.gc();
        });
    }

    IdleHeapRelease(Runnable collect) {
        this.collect = collect;
    }

    /** Counts a request that starts; cheap enough for every one. */
    void onStart() {
        requests.increment();
        running.increment();
    }

    /** Counts a request that has finished, as {@link #onStart} counted it. */
    void onFinish() {
        running.decrement();
    }

    /**
     * Collects once when requests came since the last release and none came for {@link #IDLE_NANOS}.
     *
     * @return whether it collected
     */
    boolean check(long nowNanos) {
        long count = requests.sum();
        if (count != seenRequests || running.sum() > 0) {
            seenRequests = count;
            lastActivityNanos = nowNanos;
            released = false;
            return false;
        }
        if (released || nowNanos - lastActivityNanos < IDLE_NANOS) {
            return false;
        }
        released = true;
        collect.run();
        return true;
    }
}
