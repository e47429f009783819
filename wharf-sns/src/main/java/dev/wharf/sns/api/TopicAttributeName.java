package dev.wharf.sns.api;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The attributes of a topic, as GetTopicAttributes names them: which a caller may set, at creation or later, and
 * which only SNS writes.
 */
public enum TopicAttributeName {
    ApplicationFailureFeedbackRoleArn(Kind.SETTABLE),
    ApplicationSuccessFeedbackRoleArn(Kind.SETTABLE),
    ApplicationSuccessFeedbackSampleRate(Kind.SETTABLE),
    ArchivePolicy(Kind.FIFO),
    BeginningArchiveTime(Kind.READ_ONLY),
    ContentBasedDeduplication(Kind.FIFO),
    DataProtectionPolicy(Kind.SETTABLE),
    DeliveryPolicy(Kind.SETTABLE),
    DisplayName(Kind.SETTABLE),
    EffectiveDeliveryPolicy(Kind.READ_ONLY),
    FifoThroughputScope(Kind.FIFO),
    FifoTopic(Kind.AT_CREATION),
    FirehoseFailureFeedbackRoleArn(Kind.SETTABLE),
    FirehoseSuccessFeedbackRoleArn(Kind.SETTABLE),
    FirehoseSuccessFeedbackSampleRate(Kind.SETTABLE),
    HTTPFailureFeedbackRoleArn(Kind.SETTABLE),
    HTTPSuccessFeedbackRoleArn(Kind.SETTABLE),
    HTTPSuccessFeedbackSampleRate(Kind.SETTABLE),
    KmsMasterKeyId(Kind.SETTABLE),
    LambdaFailureFeedbackRoleArn(Kind.SETTABLE),
    LambdaSuccessFeedbackRoleArn(Kind.SETTABLE),
    LambdaSuccessFeedbackSampleRate(Kind.SETTABLE),
    Owner(Kind.READ_ONLY),
    Policy(Kind.SETTABLE),
    SignatureVersion(Kind.SETTABLE),
    SQSFailureFeedbackRoleArn(Kind.SETTABLE),
    SQSSuccessFeedbackRoleArn(Kind.SETTABLE),
    SQSSuccessFeedbackSampleRate(Kind.SETTABLE),
    SubscriptionsConfirmed(Kind.READ_ONLY),
    SubscriptionsDeleted(Kind.READ_ONLY),
    SubscriptionsPending(Kind.READ_ONLY),
    TopicArn(Kind.READ_ONLY),
    TracingConfig(Kind.SETTABLE);

    /** Who may write an attribute, and when. */
    public enum Kind {
        /** Set at creation or by SetTopicAttributes, on any topic. */
        SETTABLE,
        /** Set at creation or by SetTopicAttributes, on FIFO topics only. */
        FIFO,
        /** Set at creation only. */
        AT_CREATION,
        /** Written by SNS only. */
        READ_ONLY
    }

    private final Kind kind;

    TopicAttributeName(Kind kind) {
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** The attribute of this exact name (AWS's names are case-sensitive), or null. */
    public static @Nullable TopicAttributeName of(String name) {
        for (TopicAttributeName attribute : values()) {
            if (attribute.name().equals(name)) {
                return attribute;
            }
        }
        return null;
    }

    /** Whether the name is one of the delivery-status logging attributes, which SNS stores but Wharf does not act on. */
    public boolean feedback() {
        return name().toLowerCase(Locale.ROOT).contains("feedback");
    }
}
