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
    /**
     * Results per page of ListTopics, ListSubscriptions, ListSubscriptionsByTopic, ListPlatformApplications,
     * ListEndpointsByPlatformApplication, ListPhoneNumbersOptedOut and (by default) ListSMSSandboxPhoneNumbers.
     */
    public static final int LIST_PAGE_SIZE = 100;
    /** The most that ListSMSSandboxPhoneNumbers' MaxResults may ask for. */
    public static final int SANDBOX_NUMBERS_PAGE_MAX = 100;
    /** The most that ListOriginationNumbers' MaxResults may ask for. */
    public static final int ORIGINATION_NUMBERS_PAGE_MAX = 30;

    public static final int PLATFORM_APPLICATION_NAME_LENGTH_MAX = 256;
    /** An endpoint's CustomUserData, in UTF-8 bytes. */
    public static final int CUSTOM_USER_DATA_BYTES_MAX = 2_048;
    /** A device token, in UTF-8 bytes (Wharf's bound; the push services' tokens are far shorter). */
    public static final int DEVICE_TOKEN_BYTES_MAX = 4_096;
    /** Platform applications per account (Wharf's bound; AWS documents no quota). */
    public static final int PLATFORM_APPLICATIONS_MAX = 1_000;
    /** Endpoints per platform application (Wharf's bound, since the engine holds them in memory). */
    public static final int ENDPOINTS_PER_APPLICATION_MAX = 100_000;
    /** What one Publish to a phone number may carry: 1,600 characters, which AWS sends as several SMS if need be. */
    public static final int SMS_MESSAGE_LENGTH_MAX = 1_600;
    /** Destination phone numbers in an account's SMS sandbox. */
    public static final int SANDBOX_NUMBERS_MAX = 10;
    /** One-time passwords sent to one sandbox number per 24 hours. */
    public static final int SANDBOX_PASSWORDS_PER_DAY_MAX = 5;
    /** Phone numbers whose opt-out state one account keeps (Wharf's bound). */
    public static final int PHONE_NUMBERS_MAX = 100_000;
    /**
     * The SMS and the push messages that Wharf keeps for tests to read, each (Wharf's bound): beyond it, or beyond
     * {@link #SENT_MESSAGES_BYTES_MAX}, the oldest are dropped first.
     */
    public static final int SENT_MESSAGES_MAX = 10_000;
    /** The bytes that the kept SMS, and the kept push messages, may take each on disk (Wharf's bound). */
    public static final int SENT_MESSAGES_BYTES_MAX = 64 * 1024 * 1024;
    /** The deduplication window of FIFO topics: 5 minutes. */
    public static final int DEDUPLICATION_WINDOW_SECONDS = 300;

    public static final int DEDUPLICATION_ID_LENGTH_MAX = 128;
    public static final int MESSAGE_GROUP_ID_LENGTH_MAX = 128;
    /** Statements that AddPermission may add to one topic's policy (Wharf's bound). */
    public static final int PERMISSION_STATEMENTS_MAX = 100;

    private SnsLimits() {}
}
