package dev.wharf.sqs.api;

import org.jspecify.annotations.Nullable;

/**
 * Every queue attribute of Amazon SQS, with who may set it, its range and its default.
 *
 * <p>The constants carry AWS's exact names, so {@link #name()} is the wire name.
 */
public enum QueueAttributeName {
    All(Kind.PSEUDO),
    ApproximateNumberOfMessages(Kind.READ_ONLY),
    ApproximateNumberOfMessagesNotVisible(Kind.READ_ONLY),
    ApproximateNumberOfMessagesDelayed(Kind.READ_ONLY),
    CreatedTimestamp(Kind.READ_ONLY),
    LastModifiedTimestamp(Kind.READ_ONLY),
    QueueArn(Kind.READ_ONLY),
    DelaySeconds(0, SqsLimits.DELAY_SECONDS_MAX, "0"),
    MaximumMessageSize(SqsLimits.MESSAGE_SIZE_MIN, SqsLimits.MESSAGE_SIZE_MAX, "1048576"),
    MessageRetentionPeriod(SqsLimits.RETENTION_PERIOD_SECONDS_MIN, SqsLimits.RETENTION_PERIOD_SECONDS_MAX, "345600"),
    ReceiveMessageWaitTimeSeconds(0, SqsLimits.WAIT_TIME_SECONDS_MAX, "0"),
    VisibilityTimeout(0, SqsLimits.VISIBILITY_TIMEOUT_SECONDS_MAX, "30"),
    Policy(Kind.SETTABLE),
    RedrivePolicy(Kind.SETTABLE),
    RedriveAllowPolicy(Kind.SETTABLE),
    KmsMasterKeyId(Kind.SETTABLE),
    KmsDataKeyReusePeriodSeconds(SqsLimits.KMS_REUSE_PERIOD_SECONDS_MIN, SqsLimits.KMS_REUSE_PERIOD_SECONDS_MAX, "300"),
    SqsManagedSseEnabled(Kind.SETTABLE),
    FifoQueue(Kind.FIFO_TYPE),
    ContentBasedDeduplication(Kind.FIFO_ONLY),
    DeduplicationScope(Kind.FIFO_ONLY),
    FifoThroughputLimit(Kind.FIFO_ONLY);

    /** Who may set an attribute. */
    public enum Kind {
        /** {@code All}: a name that only GetQueueAttributes takes. */
        PSEUDO,
        /** Computed by the queue; never set. */
        READ_ONLY,
        /** Set at creation and later. */
        SETTABLE,
        /** {@code FifoQueue}: named by FIFO queues only, set by creation and never changed. */
        FIFO_TYPE,
        /** Settable, on FIFO queues only. */
        FIFO_ONLY
    }

    private final Kind kind;
    private final int min;
    private final int max;
    private final @Nullable String defaultValue;

    QueueAttributeName(Kind kind) {
        this.kind = kind;
        this.min = 0;
        this.max = 0;
        this.defaultValue = null;
    }

    QueueAttributeName(int min, int max, String defaultValue) {
        this.kind = Kind.SETTABLE;
        this.min = min;
        this.max = max;
        this.defaultValue = defaultValue;
    }

    public Kind kind() {
        return kind;
    }

    /** Whether the attribute holds an integer with a range. */
    public boolean isInteger() {
        return defaultValue != null;
    }

    public int min() {
        return min;
    }

    public int max() {
        return max;
    }

    /** The value AWS reports when the attribute was never set, or null when it reports nothing. */
    public @Nullable String defaultValue() {
        return defaultValue;
    }

    /** Finds an attribute by its exact wire name, or null. */
    public static @Nullable QueueAttributeName find(String name) {
        for (QueueAttributeName attribute : values()) {
            if (attribute.name().equals(name)) {
                return attribute;
            }
        }
        return null;
    }
}
