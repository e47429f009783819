package dev.wharf.sqs.api;

/** Amazon SQS's quotas, as documented by AWS. */
public final class SqsLimits {

    public static final int QUEUE_NAME_LENGTH_MAX = 80;
    public static final int LIST_QUEUES_RESULTS_MAX = 1_000;
    public static final int TAGS_PER_QUEUE_MAX = 50;
    public static final int TAG_KEY_LENGTH_MAX = 128;
    public static final int TAG_VALUE_LENGTH_MAX = 256;
    /** How long a deleted queue's name stays unavailable. */
    public static final int QUEUE_DELETED_RECENTLY_SECONDS = 60;

    public static final int DELAY_SECONDS_MAX = 900;
    public static final int MESSAGE_SIZE_MIN = 1_024;
    public static final int MESSAGE_SIZE_MAX = 1_048_576;
    public static final int RETENTION_PERIOD_SECONDS_MIN = 60;
    public static final int RETENTION_PERIOD_SECONDS_MAX = 1_209_600;
    public static final int WAIT_TIME_SECONDS_MAX = 20;
    public static final int VISIBILITY_TIMEOUT_SECONDS_MAX = 43_200;
    public static final int KMS_REUSE_PERIOD_SECONDS_MIN = 60;
    public static final int KMS_REUSE_PERIOD_SECONDS_MAX = 86_400;
    public static final int MAX_RECEIVE_COUNT_MAX = 1_000;

    private SqsLimits() {}
}
