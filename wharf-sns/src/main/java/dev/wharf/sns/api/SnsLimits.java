package dev.wharf.sns.api;

/** Amazon SNS's quotas and size limits, as AWS documents them. */
public final class SnsLimits {

    /** A message, its subject and its attributes: 256 KiB. */
    public static final int MESSAGE_BYTES_MAX = 262_144;
    /** A PublishBatch request's messages together. */
    public static final int BATCH_BYTES_MAX = 262_144;

    public static final int BATCH_ENTRIES_MAX = 10;
    public static final int BATCH_ENTRY_ID_LENGTH_MAX = 80;
    public static final int SUBJECT_LENGTH_MAX = 100;
    public static final int TOPIC_NAME_LENGTH_MAX = 256;
    public static final int MESSAGE_ATTRIBUTES_MAX = 10;
    public static final int MESSAGE_ATTRIBUTE_NAME_LENGTH_MAX = 256;
    /** Standard topics per account (AWS's default quota). */
    public static final int TOPICS_MAX = 100_000;
    /** FIFO topics per account (AWS's default quota). */
    public static final int FIFO_TOPICS_MAX = 1_000;
    /** Subscriptions per standard topic. */
    public static final int SUBSCRIPTIONS_PER_TOPIC_MAX = 12_500_000;
    /** Subscriptions per FIFO topic. */
    public static final int FIFO_SUBSCRIPTIONS_PER_TOPIC_MAX = 100;
    /** Tags per resource. */
    public static final int TAGS_MAX = 50;

    public static final int TAG_KEY_LENGTH_MAX = 128;
    public static final int TAG_VALUE_LENGTH_MAX = 256;
    /** Results per page of ListTopics, ListSubscriptions and ListSubscriptionsByTopic. */
    public static final int LIST_PAGE_SIZE = 100;
    /** The deduplication window of FIFO topics: 5 minutes. */
    public static final int DEDUPLICATION_WINDOW_SECONDS = 300;

    public static final int DEDUPLICATION_ID_LENGTH_MAX = 128;
    public static final int MESSAGE_GROUP_ID_LENGTH_MAX = 128;
    /** Statements that AddPermission may add to one topic's policy (Wharf's bound). */
    public static final int PERMISSION_STATEMENTS_MAX = 100;

    private SnsLimits() {}
}
