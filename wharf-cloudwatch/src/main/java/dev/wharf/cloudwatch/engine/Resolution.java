package dev.wharf.cloudwatch.engine;

import java.time.Duration;

/**
 * The resolutions at which CloudWatch keeps datapoints, and how long it keeps each: one second for three hours, one
 * minute for 15 days, five minutes for 63 days and one hour for 455 days (15 months). Every datum is written at all
 * four, so that retention is a range delete per resolution and never a rewrite.
 */
enum Resolution {
    SECOND(1, Duration.ofHours(3)),
    MINUTE(60, Duration.ofDays(15)),
    FIVE_MINUTES(300, Duration.ofDays(63)),
    HOUR(3_600, Duration.ofDays(455));

    private final int seconds;
    private final Duration retention;

    Resolution(int seconds, Duration retention) {
        this.seconds = seconds;
        this.retention = retention;
    }

    int seconds() {
        return seconds;
    }

    Duration retention() {
        return retention;
    }

    /** The start of the bucket of this resolution that holds {@code timeSeconds}. */
    long bucketOf(long timeSeconds) {
        return Math.floorDiv(timeSeconds, seconds) * (long) seconds;
    }

    /**
     * The resolution that a read of {@code periodSeconds} starting at {@code startSeconds} reads, as AWS's retention
     * decides: data younger than three hours at any period; then one-minute data for periods that are multiples of 60,
     * five-minute data past 15 days for multiples of 300, and hourly data past 63 days for multiples of 3,600. Null when
     * the period is finer than what is kept that long ago, for which AWS returns no datapoints.
     */
    static @org.jspecify.annotations.Nullable Resolution forRead(
            long startSeconds, int periodSeconds, long nowSeconds) {
        long age = nowSeconds - startSeconds;
        if (age > FIVE_MINUTES.retention.toSeconds()) {
            return periodSeconds % HOUR.seconds == 0 ? HOUR : null;
        }
        if (age > MINUTE.retention.toSeconds()) {
            return periodSeconds % FIVE_MINUTES.seconds == 0 ? FIVE_MINUTES : null;
        }
        if (periodSeconds % MINUTE.seconds == 0) {
            return MINUTE;
        }
        return age > SECOND.retention.toSeconds() ? null : SECOND;
    }
}
