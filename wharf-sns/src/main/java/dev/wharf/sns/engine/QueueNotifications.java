package dev.wharf.sns.engine;

import dev.wharf.sns.api.MessageAttributeValue;
import dev.wharf.sns.engine.message.Envelope;
import dev.wharf.sns.engine.message.MessageStructure;
import dev.wharf.sns.engine.message.Notification;
import dev.wharf.sns.engine.message.SignatureVersion;
import dev.wharf.sns.engine.message.SigningKeys;
import dev.wharf.sqs.api.QueueDelivery;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Turns an outbox message into what one SQS subscription receives: the notification document, or with raw message
 * delivery the message itself with its attributes as SQS message attributes.
 */
final class QueueNotifications {

    /** The {@code SenderId} that SNS's deliveries carry in SQS: the SNS service's own identity. */
    static final String SNS_SENDER_ID = "AIDAIT2UOQQY3AUEKVGXU";

    private final Envelope envelope;
    /** Asked at each delivery, not at start: the key is made (or read) on first use, which start-up must not pay. */
    private final SigningKeys keys;

    QueueNotifications(Envelope envelope, SigningKeys keys) {
        this.envelope = envelope;
        this.keys = keys;
    }

    QueueDelivery delivery(SnsRecords.Published published, Subscription subscription, String topicAccountId) {
        String message = messageFor(published, "sqs");
        String body;
        Map<String, dev.wharf.sqs.api.MessageAttributeValue> attributes = Map.of();
        if (subscription.raw()) {
            body = message;
            attributes = queueAttributes(deliveredAttributes(published));
        } else {
            body = envelope.notification(notification(published, subscription, message));
        }
        boolean fifoQueue = subscription.endpoint().endsWith(".fifo");
        return new QueueDelivery(
                subscription.endpoint(),
                published.topicArn(),
                topicAccountId,
                SNS_SENDER_ID,
                body,
                attributes,
                published.messageGroupId(),
                fifoQueue ? published.messageDeduplicationId() : null);
    }

    /**
     * What a {@code firehose} subscription puts into its delivery stream: the notification document, or with raw
     * message delivery the message alone (no attributes, as AWS documents), each followed by a newline, since Firehose
     * concatenates records as they are and AWS shows SNS's records in S3 one a line.
     */
    String firehoseRecord(SnsRecords.Published published, Subscription subscription) {
        String message = messageFor(published, "firehose");
        String body =
                subscription.raw() ? message : envelope.notification(notification(published, subscription, message));
        return body + "\n";
    }

    /** The message for a protocol: a MessageStructure=json message's own entry for it, or its default. */
    static String messageFor(SnsRecords.Published published, String protocol) {
        if (!published.structured()) {
            return published.message();
        }
        return MessageStructure.parseJson(published.message()).messageFor(protocol);
    }

    Notification notification(SnsRecords.Published published, Subscription subscription, String message) {
        SignatureVersion version = Objects.requireNonNullElse(
                SignatureVersion.fromValue(published.signatureVersion()), SignatureVersion.values()[0]);
        return new Notification(
                published.messageId(),
                published.topicArn(),
                published.subject(),
                message,
                Instant.ofEpochMilli(published.timestampMillis()),
                deliveredAttributes(published),
                published.sequenceNumber(),
                unsubscribeUrl(published.endpoint(), subscription.arn()),
                published.endpoint() + "/" + keys.certificateFileName(),
                version);
    }

    /**
     * The attributes that subscribers receive: none for a MessageStructure=json message, as AWS documents ("Message
     * attributes are sent only when the message structure is String, not JSON"); filters still see them.
     */
    private static LinkedHashMap<String, MessageAttributeValue> deliveredAttributes(SnsRecords.Published published) {
        return published.structured() ? new LinkedHashMap<>() : published.attributes();
    }

    static String unsubscribeUrl(String endpoint, String subscriptionArn) {
        return endpoint + "/?Action=Unsubscribe&SubscriptionArn="
                + URLEncoder.encode(subscriptionArn, StandardCharsets.UTF_8);
    }

    /** SNS's attributes as SQS message attributes of the same name, type and value. */
    private static Map<String, dev.wharf.sqs.api.MessageAttributeValue> queueAttributes(
            Map<String, MessageAttributeValue> attributes) {
        Map<String, dev.wharf.sqs.api.MessageAttributeValue> out = new LinkedHashMap<>();
        for (Map.Entry<String, MessageAttributeValue> entry : attributes.entrySet()) {
            MessageAttributeValue value = entry.getValue();
            out.put(
                    entry.getKey(),
                    value.binaryValue() != null
                            ? dev.wharf.sqs.api.MessageAttributeValue.ofBinary(value.dataType(), value.binaryValue())
                            : dev.wharf.sqs.api.MessageAttributeValue.ofString(
                                    value.dataType(), Objects.requireNonNull(value.stringValue())));
        }
        return out;
    }
}
