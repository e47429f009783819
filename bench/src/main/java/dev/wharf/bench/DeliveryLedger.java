package dev.wharf.bench;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Keeps account of every record an open loop puts, by the number it carries in its data: whether it was offered
 * during the measured phase, whether its put was acknowledged or failed, and whether it was delivered, once or more;
 * and the latency of each measured record's first delivery, however late it comes. So that records sent at the end of
 * the measured phase count with the latency they had, not dropped because the phase ended before they arrived.
 *
 * <p>Thread-safe: records are offered and acknowledged on the generator's event loop and delivered on the SDK's
 * threads. Bounded: at most {@code capacity} records.
 */
final class DeliveryLedger {

    private static final int MEASURED = 1;
    private static final int ACKNOWLEDGED = 2;
    private static final int FAILED = 4;
    private static final int DELIVERED = 8;
    private static final long LATENCY_MAX_MICROS = 600_000_000L;

    /** What became of the measured records once the deliveries have settled. */
    record Tally(
            long offered,
            long sent,
            long putFailed,
            long unanswered,
            long received,
            long missing,
            long duplicated,
            long unknown,
            long overflowed) {

        boolean receivedEqualsSent() {
            return received == sent && duplicated == 0 && unknown == 0 && overflowed == 0;
        }

        /**
         * Every way the measured records went wrong: puts refused or never answered, records acknowledged and not
         * delivered, deliveries of a record already delivered or of a record never offered, and offers past the bound.
         */
        long errors() {
            return putFailed + unanswered + missing + duplicated + unknown + overflowed;
        }
    }

    private final AtomicIntegerArray states;
    private final AtomicLong offered = new AtomicLong();
    private final LongAdder duplicated = new LongAdder();
    private final LongAdder unknown = new LongAdder();
    private final LongAdder overflowed = new LongAdder();
    private final LongAdder deliveries = new LongAdder();
    private final Recorder latency = new Recorder(LATENCY_MAX_MICROS, 3);

    int capacity() {
        return states.length();
    }

    DeliveryLedger(int capacity) {
        this.states = new AtomicIntegerArray(capacity);
    }

    /** Returns the number of the next record, or -1 when the ledger is full (and counts an error). */
    long offer(boolean measured) {
        long n = offered.get();
        if (n >= states.length()) {
            overflowed.increment();
            return -1;
        }
        offered.incrementAndGet();
        if (measured) {
            states.getAndUpdate((int) n, state -> state | MEASURED);
        }
        return n;
    }

    void acknowledged(long n) {
        states.getAndUpdate((int) n, state -> state | ACKNOWLEDGED);
    }

    void failed(long n) {
        states.getAndUpdate((int) n, state -> state | FAILED);
    }

    /**
     * Notes record {@code n}'s delivery, {@code latencyNanos} after it was meant to be sent.
     *
     * @return whether it was a measured record's first delivery
     */
    boolean delivered(long n, long latencyNanos) {
        if (n < 0 || n >= offered.get()) {
            unknown.increment();
            return false;
        }
        int before = states.getAndUpdate((int) n, state -> state | DELIVERED);
        if ((before & DELIVERED) != 0) {
            duplicated.increment();
            return false;
        }
        deliveries.increment();
        if ((before & MEASURED) == 0) {
            return false;
        }
        latency.recordValue(Math.min(LATENCY_MAX_MICROS, Math.max(1, latencyNanos / 1000)));
        return true;
    }

    /** First deliveries so far, of any record, measured or not. */
    long deliveries() {
        return deliveries.sum();
    }

    /** Whether every measured put has been answered and every acknowledged one delivered. */
    boolean settled() {
        long count = offered.get();
        for (int n = 0; n < count; n++) {
            int state = states.get(n);
            if ((state & MEASURED) != 0
                    && ((state & (ACKNOWLEDGED | FAILED)) == 0
                            || (state & ACKNOWLEDGED) != 0 && (state & DELIVERED) == 0)) {
                return false;
            }
        }
        return true;
    }

    Tally tally() {
        long count = offered.get();
        long measured = 0;
        long sent = 0;
        long putFailed = 0;
        long unanswered = 0;
        long received = 0;
        long missing = 0;
        for (int n = 0; n < count; n++) {
            int state = states.get(n);
            if ((state & MEASURED) == 0) {
                continue;
            }
            measured++;
            boolean acknowledged = (state & ACKNOWLEDGED) != 0;
            boolean delivered = (state & DELIVERED) != 0;
            sent += acknowledged ? 1 : 0;
            putFailed += (state & FAILED) != 0 ? 1 : 0;
            unanswered += (state & (ACKNOWLEDGED | FAILED)) == 0 ? 1 : 0;
            received += delivered ? 1 : 0;
            missing += acknowledged && !delivered ? 1 : 0;
        }
        return new Tally(
                measured,
                sent,
                putFailed,
                unanswered,
                received,
                missing,
                duplicated.sum(),
                unknown.sum(),
                overflowed.sum());
    }

    /** The latencies of the measured records' first deliveries, in microseconds. */
    Histogram latencyMicros() {
        return latency.getIntervalHistogram();
    }
}
