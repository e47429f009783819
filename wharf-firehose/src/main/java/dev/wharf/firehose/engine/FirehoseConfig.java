package dev.wharf.firehose.engine;

import dev.wharf.firehose.api.FirehoseLimits;
import java.time.Duration;

/**
 * The engine's settings.
 *
 * @param transition how long a delivery stream stays CREATING, and its encryption ENABLING or DISABLING, before the
 *     change is done; AWS takes seconds to minutes, Wharf a few hundred milliseconds by default, so that clients that
 *     wait for ACTIVE run but tests stay fast
 * @param streamsPerAccount the delivery streams an account may have (AWS's default quota)
 * @param retryInterval how long a failed delivery to S3 waits before its next attempt (AWS: 5 seconds)
 * @param retryDuration how long after its oldest record a delivery to S3 is retried before its records are dropped
 *     (AWS: 24 hours)
 */
public record FirehoseConfig(
        Duration transition, int streamsPerAccount, Duration retryInterval, Duration retryDuration) {

    public static final FirehoseConfig DEFAULT = new FirehoseConfig(
            Duration.ofMillis(500), FirehoseLimits.STREAMS_PER_ACCOUNT, Duration.ofSeconds(5), Duration.ofHours(24));

    public FirehoseConfig {
        if (transition.isNegative() || retryInterval.isNegative() || retryDuration.isNegative()) {
            throw new IllegalArgumentException("durations cannot be negative");
        }
        if (streamsPerAccount < 1) {
            throw new IllegalArgumentException("streamsPerAccount must be positive: " + streamsPerAccount);
        }
    }

    /** These settings with another transition. */
    public FirehoseConfig withTransition(Duration duration) {
        return new FirehoseConfig(duration, streamsPerAccount, retryInterval, retryDuration);
    }
}
