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
    /** Source queue ARNs in a {@code byQueue} RedriveAllowPolicy. */
    public static final int REDRIVE_ALLOW_SOURCE_QUEUES_MAX = 10;
    /** Results of ListDeadLetterSourceQueues, per page. */
    public static final int DEAD_LETTER_SOURCE_QUEUES_RESULTS_MAX = 1_000;
    /** Messages received and not yet deleted, per FIFO queue; AWS raised it from 20,000 to 120,000. */
    public static final int IN_FLIGHT_FIFO_MAX = 120_000;

    /** Entries in one SendMessageBatch, DeleteMessageBatch or ChangeMessageVisibilityBatch. */
    public static final int BATCH_ENTRIES_MAX = 10;

    public static final int BATCH_ENTRY_ID_LENGTH_MAX = 80;
    /** The sum of the message sizes in one SendMessageBatch. */
    public static final int BATCH_SIZE_MAX = 1_048_576;

    public static final int RECEIVE_MESSAGES_MAX = 10;
    public static final int MESSAGE_ATTRIBUTES_MAX = 10;
    public static final int MESSAGE_ATTRIBUTE_NAME_LENGTH_MAX = 256;
    /** Characters in a message attribute's DataType, custom label included. */
    public static final int MESSAGE_ATTRIBUTE_TYPE_LENGTH_MAX = 256;
    /** Significant digits of a Number attribute. */
    public static final int NUMBER_PRECISION_MAX = 38;
    /** The smallest power of ten that a non-zero Number attribute may reach in magnitude. */
    public static final int NUMBER_EXPONENT_MIN = -128;
    /** The largest power of ten that a Number attribute may reach in magnitude. */
    public static final int NUMBER_EXPONENT_MAX = 126;
    /** Messages received and not yet deleted, per standard queue. */
    public static final int IN_FLIGHT_STANDARD_MAX = 120_000;
    /** How often PurgeQueue may run on one queue. */
    public static final int PURGE_INTERVAL_SECONDS = 60;

    /** Actions in one AddPermission, which AWS calls the actions of one policy statement. */
    public static final int PERMISSION_ACTIONS_MAX = 7;

    /** MaxNumberOfMessagesPerSecond of a message movement task. */
    public static final int MOVE_TASK_MESSAGES_PER_SECOND_MAX = 500;
    /** Results of ListMessageMoveTasks; AWS keeps no more tasks than this per source queue. */
    public static final int MOVE_TASK_RESULTS_MAX = 10;

    private SqsLimits() {}
}
