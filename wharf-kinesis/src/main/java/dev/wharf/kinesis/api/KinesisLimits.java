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
    /** The longest a subscription goes without an event, records or none. */
    public static final long SUBSCRIPTION_HEARTBEAT_MILLIS = 5_000;

    /** Registered consumers per stream of an on-demand stream in an account with a minimum throughput commitment. */
    public static final int CONSUMERS_PER_STREAM_ADVANTAGE_MAX = 50;

    /** On-demand streams per account (AWS's default quota). */
    public static final int ON_DEMAND_STREAMS_MAX = 50;
    /** The shards UpdateShardCount may scale a stream to. */
    public static final int SHARDS_PER_STREAM_MAX = 10_000;
    /** UpdateShardCount calls per stream in a rolling 24 hours. */
    public static final int SHARD_COUNT_UPDATES_PER_DAY = 10;
    /** Capacity mode switches per stream in a rolling 24 hours. */
    public static final int STREAM_MODE_UPDATES_PER_DAY = 2;
    /** StartStreamEncryption, and StopStreamEncryption, calls per stream in a rolling 24 hours. */
    public static final int ENCRYPTION_UPDATES_PER_DAY = 25;

    /** A record's largest size a stream may be set to take, and its default: 1 MiB to 10 MiB. */
    public static final int MAX_RECORD_SIZE_KIB_MIN = 1_024;

    public static final int MAX_RECORD_SIZE_KIB_MAX = 10_240;
    public static final int MAX_RECORD_SIZE_KIB_DEFAULT = 1_024;
    /** The warm throughput an on-demand stream may be scaled to: 10 GiB a second. */
    public static final int WARM_THROUGHPUT_MIBPS_MAX = 10_240;
    /** A resource policy's size in UTF-8 bytes: 20 KiB. */
    public static final int POLICY_BYTES_MAX = 20_480;

    public static final int TAGS_MAX = 50;
    public static final int TAG_KEY_LENGTH_MAX = 128;
    public static final int TAG_VALUE_LENGTH_MAX = 256;

    private KinesisLimits() {}
}
