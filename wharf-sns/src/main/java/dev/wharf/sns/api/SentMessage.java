package dev.wharf.sns.api;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A message that SNS sent to a phone number (an SMS) or to a platform endpoint (a push notification), as Wharf keeps it
 * for a test to read back instead of handing it to a carrier or a push service.
 *
 * @param target the phone number in E.164 form, or the endpoint's ARN
 * @param topicArn the topic it was published to, or null when it was published to the target directly
 * @param subscriptionArn the subscription that delivered it, or null when it was published to the target directly
 * @param message the message the target received: for {@code MessageStructure=json}, the entry for {@code sms} or for
 *     the endpoint's platform, else the {@code default}
 * @param messageAttributes the attributes the publisher set, in their order
 * @param messageStructure {@code json}, or null for a plain message
 */
public record SentMessage(
        String target,
        @Nullable String topicArn,
        @Nullable String subscriptionArn,
        String messageId,
        String message,
        Map<String, MessageAttributeValue> messageAttributes,
        @Nullable String messageStructure,
        @Nullable String subject) {}
