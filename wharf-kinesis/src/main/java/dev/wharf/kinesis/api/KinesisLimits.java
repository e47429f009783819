package dev.wharf.kinesis.api;

/** Kinesis Data Streams' quotas and size limits, as AWS documents them (default quotas where AWS lets them grow). */
public final class KinesisLimits {

    public static final int STREAM_NAME_LENGTH_MAX = 128;
    public static final int PARTITION_KEY_LENGTH_MAX = 256;
    /** A record's data blob and its partition key together: 1 MiB. */
    public static final int RECORD_BYTES_MAX = 1_048_576;

    public static final int PUT_RECORDS_ENTRIES_MAX = 500;
    /** A PutRecords request's records together, partition keys included: 5 MiB. */
    public static final int PUT_RECORDS_BYTES_MAX = 5 * 1_048_576;

    public static final int GET_RECORDS_LIMIT_MAX = 10_000;
    /** What one GetRecords call returns at most: 10 MiB. */
    public static final int GET_RECORDS_BYTES_MAX = 10 * 1_048_576;
    /** How long a shard iterator stays valid. */
    public static final long ITERATOR_TTL_MILLIS = 300_000;

    public static final int RETENTION_HOURS_MIN = 24;
    public static final int RETENTION_HOURS_MAX = 8_760;
    public static final int RETENTION_HOURS_DEFAULT = 24;

    /** Open shards per account and region (AWS's default quota in us-east-1, us-west-2 and eu-west-1). */
    public static final int SHARDS_PER_ACCOUNT_MAX = 500;
    /** The shards an on-demand stream starts with. */
    public static final int ON_DEMAND_INITIAL_SHARDS = 4;

    /** Provisioned writes per shard: 1 MiB and 1,000 records a second. */
    public static final int SHARD_WRITE_BYTES_PER_SECOND = 1_048_576;

    public static final int SHARD_WRITE_RECORDS_PER_SECOND = 1_000;
    /** Provisioned reads per shard: 2 MiB and 5 GetRecords calls a second, shared by every reader. */
    public static final int SHARD_READ_BYTES_PER_SECOND = 2 * 1_048_576;

    public static final int SHARD_READ_CALLS_PER_SECOND = 5;
    /** Enhanced fan-out: 2 MiB a second per consumer per shard. */
    public static final int CONSUMER_SHARD_READ_BYTES_PER_SECOND = 2 * 1_048_576;

    public static final int CONSUMERS_PER_STREAM_MAX = 20;
    /** How long one SubscribeToShard subscription lasts. */
    public static final long SUBSCRIPTION_MILLIS = 300_000;

    public static final int TAGS_MAX = 50;
    public static final int TAG_KEY_LENGTH_MAX = 128;
    public static final int TAG_VALUE_LENGTH_MAX = 256;

    private KinesisLimits() {}
}
