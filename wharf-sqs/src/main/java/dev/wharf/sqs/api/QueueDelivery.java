package dev.wharf.sqs.api;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One message that another service sends to a queue on a publisher's behalf, as SNS delivers a notification.
 *
 * @param queueArn the queue, by its ARN: a subscription names its queue so
 * @param sourceArn the resource that sends (an SNS topic's ARN), which a queue policy's {@code aws:SourceArn} names
 * @param sourceAccountId the account that owns the sending resource
 * @param senderId the {@code SenderId} attribute that the message carries: the sending service's own identity
 * @param body the message body
 * @param attributes the message attributes, empty for none
 * @param messageGroupId the group of a FIFO queue's or a fair queue's message, or null
 * @param messageDeduplicationId a FIFO queue's deduplication id, or null
 */
public record QueueDelivery(
        String queueArn,
        String sourceArn,
        String sourceAccountId,
        String senderId,
        String body,
        Map<String, MessageAttributeValue> attributes,
        @Nullable String messageGroupId,
        @Nullable String messageDeduplicationId) {}
