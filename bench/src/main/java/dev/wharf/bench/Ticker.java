package dev.wharf.bench;

import io.netty.channel.EventLoop;
import java.util.concurrent.TimeUnit;

/**
 * The open loop's schedule: runs an offer {@code rate} times a second on one event loop, offer n at start + n / rate,
 * each at the time it is due. The loop wakes for the next due offer (the timer has microsecond precision), so the
 * generator adds no tick granularity to the latencies it measures. Offers that fell due while the loop was busy run at
 * once, late. Runs on its event loop only; {@link #cancel} may be called from any thread.
 */
final class Ticker implements Runnable {

    /** Something done once per offered request, at the time it was meant to happen. */
    interface Offer {
        void at(long intendedNanos);
    }

    private final EventLoop loop;
    private final double rate;
    private final Offer offer;
    private final long start = System.nanoTime();
    private long issued;
    private volatile boolean stopped;

    private Ticker(EventLoop loop, double rate, Offer offer) {
        this.loop = loop;
        this.rate = rate;
        this.offer = offer;
    }

    /** Starts offering on {@code loop} at once; the first offer is due now. */
    static Ticker start(EventLoop loop, double rate, Offer offer) {
        Ticker ticker = new Ticker(loop, rate, offer);
        loop.execute(ticker);
        return ticker;
    }

    @Override
    public void run() {
        if (stopped) {
            return;
        }
        long now = System.nanoTime();
        for (; dueAt(issued) <= now; issued++) {
            offer.at(dueAt(issued));
        }
        loop.schedule(this, Math.max(0, dueAt(issued) - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    private long dueAt(long n) {
        return start + (long) (n * 1e9 / rate);
    }

    void cancel() {
        stopped = true;
    }
}
