package dev.wharf.dynamodb.engine;

import java.time.Duration;

/**
 * The engine's settings.
 *
 * @param transition how long a table stays CREATING, UPDATING or DELETING, and a new index CREATING after its backfill,
 *     before the change is done. AWS takes seconds to minutes; Wharf none by default: CreateTable answers CREATING and
 *     the next DescribeTable ACTIVE, because clients poll a CREATING table again only after seconds (the SDK's waiter
 *     after 20, the KCL after 10), which every start of a test would pay
 * @param tablesPerAccount the tables an account may have (AWS's default quota is 2,500 per region)
 * @param idempotencyWindow how long a TransactWriteItems ClientRequestToken is remembered (AWS: 10 minutes)
 */
public record DynamoDbConfig(Duration transition, int tablesPerAccount, Duration idempotencyWindow) {

    public static final DynamoDbConfig DEFAULT = new DynamoDbConfig(Duration.ZERO, 2_500, Duration.ofMinutes(10));

    public DynamoDbConfig {
        if (transition.isNegative()) {
            throw new IllegalArgumentException("a transition cannot take negative time: " + transition);
        }
        if (tablesPerAccount < 1) {
            throw new IllegalArgumentException("tablesPerAccount must be positive: " + tablesPerAccount);
        }
        if (idempotencyWindow.isNegative()) {
            throw new IllegalArgumentException("the idempotency window cannot be negative: " + idempotencyWindow);
        }
    }

    /** These settings with another transition time. */
    public DynamoDbConfig withTransition(Duration time) {
        return new DynamoDbConfig(time, tablesPerAccount, idempotencyWindow);
    }
}
