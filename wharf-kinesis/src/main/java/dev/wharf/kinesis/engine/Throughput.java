package dev.wharf.kinesis.engine;

/**
 * A token bucket that emulates one of AWS's per-shard throughput limits: it holds at most one second's worth of
 * {@code perSecond} and refills continuously from the clock, so that a steady caller gets exactly the limit a second
 * and a burst gets at most one second's worth at once. Not thread-safe: its owner's lock guards it.
 */
final class Throughput {

    private final long perSecond;
    /** What is left, in thousandths of a unit, so that refilling by the millisecond loses nothing. */
    private long milliUnits;

    private long refilledAtMillis;

    Throughput(long perSecond, long nowMillis) {
        this.perSecond = perSecond;
        this.milliUnits = perSecond * 1000;
        this.refilledAtMillis = nowMillis;
    }

    /** Takes {@code units} if they are all there, as a write does: a record is taken whole or refused. */
    boolean tryTake(long units, long nowMillis) {
        refill(nowMillis);
        if (milliUnits < units * 1000) {
            return false;
        }
        milliUnits -= units * 1000;
        return true;
    }

    /** Whether {@code units} are there to take. */
    boolean has(long units, long nowMillis) {
        refill(nowMillis);
        return milliUnits >= units * 1000;
    }

    /** Whether anything is left, as a read needs before it starts. */
    boolean available(long nowMillis) {
        refill(nowMillis);
        return milliUnits > 0;
    }

    /** How long until something is left again: 0 when something is now. */
    long millisUntilAvailable(long nowMillis) {
        refill(nowMillis);
        return milliUnits > 0 ? 0 : (-milliUnits) / perSecond + 1;
    }

    /**
     * Takes {@code units} whether or not they are there, as a read's bytes are counted after the read: a read of 10 MiB
     * on a 2 MiB/s shard leaves a debt that refuses the reads of the next seconds, as AWS does.
     */
    void takeAllowingDebt(long units, long nowMillis) {
        refill(nowMillis);
        milliUnits -= units * 1000;
    }

    private void refill(long nowMillis) {
        long elapsed = nowMillis - refilledAtMillis;
        if (elapsed <= 0) {
            return;
        }
        refilledAtMillis = nowMillis;
        long capacity = perSecond * 1000;
        // perSecond·elapsed thousandths: overflow needs elapsed beyond 10^9 years at 10 MiB/s.
        milliUnits = Math.min(capacity, milliUnits + Math.min(capacity, perSecond * elapsed));
    }
}
