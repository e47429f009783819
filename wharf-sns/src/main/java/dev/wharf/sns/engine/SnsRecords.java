package dev.wharf.sns.engine;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Map;

/**
 * Encodes SNS's resources as the records that {@link dev.wharf.storage.TopicStore} keeps, and names their keys.
 *
 * <p>Records are JSON, so that a record written by an older Wharf still reads (unknown members are ignored) and the
 * data directory can be inspected. Keys: {@code t/} and a topic's ARN, {@code s/} and a subscription's ARN (which
 * starts with its topic's ARN, so one prefix scan finds a topic's subscriptions), {@code u/}, a topic's ARN, {@code /}
 * and a token for an HTTP/S subscription that was unsubscribed and may be restored by its token, {@code r/} and a
 * subscription's ARN for its replay of the topic's message archive.
 */
final class SnsRecords {

    static final String TOPIC_PREFIX = "t/";
    static final String SUBSCRIPTION_PREFIX = "s/";
    static final String UNSUBSCRIBED_PREFIX = "u/";
    static final String REPLAY_PREFIX = "r/";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    record TopicRecord(
            String arn,
            String name,
            String accountId,
            boolean fifo,
            Map<String, String> attributes,
            Map<String, String> tags,
            long subscriptionsDeleted,
            long lastSequenceNumber,
            long archiveBeganMillis) {}

    record SubscriptionRecord(
            String arn,
            String topicArn,
            String owner,
            String protocol,
            String endpoint,
            Map<String, String> attributes,
            boolean confirmed,
            boolean authenticated,
            String token) {}

    /**
     * A message that the outbox holds until every subscription has it.
     *
     * @param structured whether the message is a MessageStructure=json document, one message per protocol
     * @param endpoint the endpoint the publisher addressed, from which the notification's URLs are built
     */
    record Published(
            String messageId,
            String topicArn,
            @org.jspecify.annotations.Nullable String subject,
            String message,
            boolean structured,
            java.util.LinkedHashMap<String, dev.wharf.sns.api.MessageAttributeValue> attributes,
            long timestampMillis,
            @org.jspecify.annotations.Nullable String messageGroupId,
            @org.jspecify.annotations.Nullable String messageDeduplicationId,
            @org.jspecify.annotations.Nullable String sequenceNumber,
            String endpoint,
            String signatureVersion) {}

    /**
     * One subscription's pending delivery of an outbox message. Records written before HTTP/S delivery have only the
     * first two fields: they read as a notification due at once.
     *
     * @param attempts how many attempts failed so far
     * @param dueMillis when the next attempt is due, in epoch milliseconds; 0 for at once
     * @param messageType the {@link dev.wharf.sns.engine.message.MessageType} the outbox message is, null for a
     *     {@code Notification}: a {@link Published} message; the two confirmations are {@link Handshake}s
     */
    record Pending(
            String subscriptionArn,
            int attempts,
            long dueMillis,
            @org.jspecify.annotations.Nullable String messageType) {

        static Pending notification(String subscriptionArn, long dueMillis) {
            return new Pending(subscriptionArn, 0, dueMillis, null);
        }

        Pending failed(long nextDueMillis) {
            return new Pending(subscriptionArn, attempts + 1, nextDueMillis, messageType);
        }

        dev.wharf.sns.engine.message.MessageType type() {
            return messageType == null
                    ? dev.wharf.sns.engine.message.MessageType.Notification
                    : dev.wharf.sns.engine.message.MessageType.valueOf(messageType);
        }
    }

    /**
     * A {@code SubscriptionConfirmation} or {@code UnsubscribeConfirmation} that the outbox holds for an HTTP/S
     * endpoint until it is delivered or given up.
     *
     * @param endpoint the subscriber's endpoint, kept because an unsubscribed subscription is gone
     * @param serviceEndpoint the endpoint the subscriber's client addressed, from which the SubscribeURL and the
     *     SigningCertURL are built
     * @param deliveryPolicy the subscription's DeliveryPolicy attribute when the confirmation was made, or null
     */
    record Handshake(
            String messageType,
            String messageId,
            String topicArn,
            String subscriptionArn,
            String protocol,
            String endpoint,
            String token,
            long timestampMillis,
            String serviceEndpoint,
            String signatureVersion,
            @org.jspecify.annotations.Nullable String deliveryPolicy) {}

    /**
     * A subscription's replay of its topic's archive, and how far it has come.
     *
     * @param startMillis the replay's StartingPoint: the archive time of the first message it may deliver
     * @param endMillis the last archive time it delivers: the EndingPoint, or the moment the replay was asked for
     * @param status a {@link Replays.Status} name
     * @param nextMillis with {@code nextSequence}, the archive position of the next message to deliver
     * @param failures how many steps in a row failed on the server's side
     */
    record ReplayRecord(
            String subscriptionArn,
            long startMillis,
            long endMillis,
            String status,
            long nextMillis,
            long nextSequence,
            int failures) {}

    /** A confirmed HTTP/S subscription that was unsubscribed, which its token restores for a while. */
    record Unsubscribed(SubscriptionRecord subscription, long unsubscribedMillis) {}

    private SnsRecords() {}

    static String topicKey(String arn) {
        return TOPIC_PREFIX + arn;
    }

    static String subscriptionKey(String arn) {
        return SUBSCRIPTION_PREFIX + arn;
    }

    static String unsubscribedKey(String topicArn, String token) {
        return UNSUBSCRIBED_PREFIX + topicArn + "/" + token;
    }

    static String replayKey(String subscriptionArn) {
        return REPLAY_PREFIX + subscriptionArn;
    }

    static byte[] encode(Object record) {
        try {
            return JSON.writeValueAsBytes(record);
        } catch (JacksonException e) {
            throw new IllegalStateException("cannot encode " + record.getClass().getSimpleName(), e);
        }
    }

    static <T> T decode(byte[] bytes, Class<T> type) {
        try {
            return JSON.readValue(bytes, type);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a stored " + type.getSimpleName() + " does not decode", e);
        }
    }
}
