package dev.wharf.kinesis.engine;

import java.time.Duration;

/**
 * The engine's settings.
 *
 * @param transition how long a stream stays CREATING, UPDATING or DELETING before the change is done; AWS takes
 *     seconds to minutes, Wharf a few hundred milliseconds by default, so that clients' waiters run but tests stay fast
 * @param shardsPerAccount the open shards an account may have (AWS's default quota)
 * @param throughputLimits whether each shard's reads and writes are held to AWS's per-shard limits, as they are on AWS
 */
public record KinesisConfig(Duration transition, int shardsPerAccount, boolean throughputLimits) {

    public static final KinesisConfig DEFAULT =
            new KinesisConfig(Duration.ofMillis(500), dev.wharf.kinesis.api.KinesisLimits.SHARDS_PER_ACCOUNT_MAX, true);

    /** These settings with throughput limits on or off. */
    public KinesisConfig withThroughputLimits(boolean on) {
        return new KinesisConfig(transition, shardsPerAccount, on);
    }

    public KinesisConfig {
        if (transition.isNegative()) {
            throw new IllegalArgumentException("a transition cannot take negative time: " + transition);
        }
        if (shardsPerAccount < 1) {
            throw new IllegalArgumentException("shardsPerAccount must be positive: " + shardsPerAccount);
        }
    }
}
