package dev.wharf.cloudwatch.engine;

/**
 * One metric series in memory: its key, the id its points are stored under, and when it last received data (epoch
 * seconds), which ListMetrics filters by. {@code lastDataSeconds} is written under {@link SeriesIndex}'s lock and read
 * without it.
 */
final class Series {

    private final long id;
    private final MetricKey key;
    private volatile long lastDataSeconds;
    /** The last data time that the store holds; the record is rewritten once the two are an hour apart. */
    private long storedLastDataSeconds;
    /**
     * Per resolution, the time of the oldest point this series may hold: {@code Long.MIN_VALUE} while unknown (after a
     * start), lowered by every write and raised by retention, so that retention deletes only where there is something.
     */
    private final java.util.concurrent.atomic.AtomicLongArray oldestSeconds =
            new java.util.concurrent.atomic.AtomicLongArray(Resolution.values().length);

    /**
     * @param stored whether the series comes from the store, whose points are then not known; a new one holds none
     */
    Series(long id, MetricKey key, long lastDataSeconds, boolean stored) {
        for (int i = 0; i < oldestSeconds.length(); i++) {
            oldestSeconds.set(i, stored ? Long.MIN_VALUE : Long.MAX_VALUE);
        }
        this.id = id;
        this.key = key;
        this.lastDataSeconds = lastDataSeconds;
        this.storedLastDataSeconds = lastDataSeconds;
    }

    /** Notes a point written at a resolution. */
    void wrotePoint(Resolution resolution, long timeSeconds) {
        oldestSeconds.accumulateAndGet(resolution.ordinal(), timeSeconds, Math::min);
    }

    /** The time of the oldest point this series may hold at a resolution, {@code Long.MIN_VALUE} when unknown. */
    long oldest(Resolution resolution) {
        return oldestSeconds.get(resolution.ordinal());
    }

    /**
     * Notes that retention deleted what lay before the oldest point left, {@code oldest}, unless a write has changed
     * the figure since it was {@code known}.
     */
    void expiredBelow(Resolution resolution, long known, long oldest) {
        oldestSeconds.compareAndSet(resolution.ordinal(), known, oldest);
    }

    long id() {
        return id;
    }

    MetricKey key() {
        return key;
    }

    long lastDataSeconds() {
        return lastDataSeconds;
    }

    /**
     * Records data at a time and answers whether the stored record should be rewritten: the store's copy only needs to
     * be within an hour, so that a write per datum is not a write of the series too. Index lock must be held.
     */
    boolean receivedData(long timeSeconds, long rewriteAfterSeconds) {
        if (timeSeconds > lastDataSeconds) {
            lastDataSeconds = timeSeconds;
        }
        if (lastDataSeconds - storedLastDataSeconds >= rewriteAfterSeconds) {
            storedLastDataSeconds = lastDataSeconds;
            return true;
        }
        return false;
    }
}
