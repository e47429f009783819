package dev.wharf.sns.engine.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Spaces the deliveries to one subscription so that at most {@code maxReceivesPerSecond} start in any one second:
 * each start moves the next allowed start one interval (a second divided by the rate, rounded up to the nanosecond)
 * past the later of now and the previous allowed start. It is a token bucket that holds one token, and its whole state
 * is one instant. If the clock goes back, the gate waits at most two intervals from the new time.
 *
 * <p>Deliveries that would start too early are not queued here: the caller asks again at {@link #nextStart()}, so the
 * gate's memory does not grow with a backlog. Safe for use by many threads.
 */
public final class ThrottleGate {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final Clock clock;
    private final Duration interval;
    /** The earliest instant the next delivery may start. Guarded by {@code this}. */
    private Instant nextStart;

    public ThrottleGate(Clock clock, ThrottlePolicy policy) {
        this.clock = clock;
        // Rounded up: a shorter interval would let rate + 1 starts fit in one second.
        long perSecond = policy.maxReceivesPerSecond();
        this.interval = Duration.ofNanos((NANOS_PER_SECOND + perSecond - 1) / perSecond);
        this.nextStart = clock.instant();
    }

    /** The time between two starts. */
    public Duration interval() {
        return interval;
    }

    /** Claims a start now and returns true if one is allowed now; otherwise claims nothing and returns false. */
    public synchronized boolean tryAcquire() {
        Instant now = clock.instant();
        if (now.isBefore(nextStart.minus(interval).minus(interval))) {
            // The clock went back more than an interval before the last start: wait from the new time, or the gate
            // would stay shut for as long as the clock went back. A smaller step back only waits a little longer.
            nextStart = now;
        }
        if (now.isBefore(nextStart)) {
            return false;
        }
        nextStart = now.plus(interval);
        return true;
    }

    /** The earliest instant at which {@link #tryAcquire()} can succeed; now or before when it can succeed at once. */
    public synchronized Instant nextStart() {
        return nextStart;
    }
}
