package dev.wharf.kinesis.engine;

import java.time.Duration;

/**
 * The engine's settings.
 *
 * @param transition how long a stream stays CREATING, UPDATING or DELETING before the change is done; AWS takes
 *     seconds to minutes, Wharf a few hundred milliseconds by default, so that clients' waiters run but tests stay fast
 * @param shardsPerAccount the open shards an account may have (AWS's default quota)
 */
public record KinesisConfig(Duration transition, int shardsPerAccount) {

    public static final KinesisConfig DEFAULT =
            new KinesisConfig(Duration.ofMillis(500), dev.wharf.kinesis.api.KinesisLimits.SHARDS_PER_ACCOUNT_MAX);

    public KinesisConfig {
        if (transition.isNegative()) {
            throw new IllegalArgumentException("a transition cannot take negative time: " + transition);
        }
        if (shardsPerAccount < 1) {
            throw new IllegalArgumentException("shardsPerAccount must be positive: " + shardsPerAccount);
        }
    }
}
