package dev.wharf.firehose.api;

/** Firehose's limits, from its model's constraints and its documented quotas. */
public final class FirehoseLimits {

    /** A record's data, at most: 1,000 KiB. */
    public static final int RECORD_BYTES_MAX = 1_024_000;
    /** Records in one PutRecordBatch. */
    public static final int BATCH_RECORDS_MAX = 500;
    /** The data of one PutRecordBatch, at most: 4 MiB. */
    public static final int BATCH_BYTES_MAX = 4 * 1024 * 1024;
    /** Delivery streams per account and region, AWS's default quota. */
    public static final int STREAMS_PER_ACCOUNT = 5_000;
    /** Tags on one delivery stream. */
    public static final int TAGS_MAX = 50;
    /** A buffer's size hint, in MiB. */
    public static final int BUFFER_SIZE_MIN_MB = 1;

    public static final int BUFFER_SIZE_MAX_MB = 128;
    /** A buffer's interval hint, in seconds. */
    public static final int BUFFER_INTERVAL_MAX_SECONDS = 900;
    /** The S3 destination's buffering when the configuration names none: 5 MiB or 300 seconds. */
    public static final int DEFAULT_BUFFER_SIZE_MB = 5;

    public static final int DEFAULT_BUFFER_INTERVAL_SECONDS = 300;

    private FirehoseLimits() {}
}
