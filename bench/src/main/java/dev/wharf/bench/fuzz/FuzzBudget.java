package dev.wharf.bench.fuzz;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounds a run in count and in time: hands out case indexes until the requests sent reach the count, the deadline
 * passes, or the run is stopped (the server died). Thread-safe.
 */
final class FuzzBudget {

    private final AtomicLong nextIndex;
    private final AtomicLong requests = new AtomicLong();
    private final long requestsMax;
    private final long lastIndex;
    private final long deadlineNanos;
    private volatile boolean stopped;
    private volatile boolean timedOut;

    /**
     * @param firstIndex the first case's index
     * @param casesMax the most cases, whatever their request count (1 for a replay)
     * @param requestsMax the requests to send; pipelined cases count each request they hold
     * @param seconds the time cap
     */
    FuzzBudget(long firstIndex, long casesMax, long requestsMax, double seconds) {
        this.nextIndex = new AtomicLong(firstIndex);
        this.lastIndex = casesMax == Long.MAX_VALUE ? Long.MAX_VALUE : firstIndex + casesMax - 1;
        this.requestsMax = requestsMax;
        this.deadlineNanos = System.nanoTime() + (long) (seconds * 1e9);
    }

    /** The next case's index, or -1 when the run is over. */
    long next() {
        if (stopped || requests.get() >= requestsMax) {
            return -1;
        }
        if (System.nanoTime() - deadlineNanos > 0) {
            timedOut = true;
            return -1;
        }
        long index = nextIndex.getAndIncrement();
        return index > lastIndex ? -1 : index;
    }

    void spent(int requestCount) {
        requests.addAndGet(requestCount);
    }

    void stop() {
        stopped = true;
    }

    boolean stopped() {
        return stopped;
    }

    boolean timedOut() {
        return timedOut;
    }
}
