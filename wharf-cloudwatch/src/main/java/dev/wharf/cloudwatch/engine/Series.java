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

    Series(long id, MetricKey key, long lastDataSeconds) {
        this.id = id;
        this.key = key;
        this.lastDataSeconds = lastDataSeconds;
        this.storedLastDataSeconds = lastDataSeconds;
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
