package dev.wharf.sns.engine;

import dev.wharf.common.AwsException;
import dev.wharf.common.LogText;
import dev.wharf.sqs.api.MessageAttributeValue;
import dev.wharf.sqs.api.QueueDelivery;
import dev.wharf.sqs.api.QueueDeliveryPort;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what a subscription could not take to its RedrivePolicy dead-letter queue, or drops it when it has none, as AWS
 * does once a delivery fails on the client's side or its retries are spent.
 */
final class DeadLetters {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);

    /**
     * What could not be delivered.
     *
     * @param body the body the subscription would have received
     * @param attributes the SQS message attributes to carry with it, before the error's
     * @param messageGroupId the published message's group, for a FIFO dead-letter queue
     * @param errorCode why, as the {@code ErrorCode} attribute says it
     * @param errorMessage as the {@code ErrorMessage} attribute says it
     */
    record Undelivered(
            SnsRecords.Published published,
            String body,
            Map<String, MessageAttributeValue> attributes,
            @Nullable String messageGroupId,
            String errorCode,
            String errorMessage) {}

    private final QueueDeliveryPort queues;

    DeadLetters(QueueDeliveryPort queues) {
        this.queues = queues;
    }

    /**
     * Sends a message to the subscription's dead-letter queue, counting in the topic's figures whether the queue took
     * it; without a dead-letter queue the message is dropped and counted in neither.
     */
    void send(Subscription subscription, Undelivered undelivered, @Nullable TopicCounts counts) {
        String target = SubscriptionAttributes.deadLetterTarget(subscription.attributes());
        SnsRecords.Published published = undelivered.published();
        if (target == null) {
            LOG.debug(
                    "dropped an undeliverable SNS message for {}: {}",
                    subscription.arn(),
                    LogText.of(undelivered.errorMessage()));
            return;
        }
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>(undelivered.attributes());
        attributes.put("ErrorCode", MessageAttributeValue.ofString("String", undelivered.errorCode()));
        attributes.put("ErrorMessage", MessageAttributeValue.ofString("String", undelivered.errorMessage()));
        attributes.put("TopicArn", MessageAttributeValue.ofString("String", published.topicArn()));
        try {
            queues.deliver(new QueueDelivery(
                    target,
                    published.topicArn(),
                    Deliveries.accountOf(published),
                    QueueNotifications.SNS_SENDER_ID,
                    undelivered.body(),
                    attributes,
                    undelivered.messageGroupId(),
                    target.endsWith(".fifo") ? published.messageDeduplicationId() : null));
            if (counts != null) {
                counts.redrivenToDlq.increment();
            }
        } catch (AwsException e) {
            if (counts != null) {
                counts.failedToRedriveToDlq.increment();
            }
            LOG.warn(
                    "the dead-letter queue {} of {} refused a message: {}", target, subscription.arn(), e.getMessage());
        }
    }
}
