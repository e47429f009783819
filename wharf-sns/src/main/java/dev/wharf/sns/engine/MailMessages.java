package dev.wharf.sns.engine;

import dev.wharf.sns.api.TopicAttributeName;
import dev.wharf.sns.engine.endpoint.Mail;
import dev.wharf.sns.engine.message.Envelope;

/**
 * Turns outbox messages into the mails that {@code email} and {@code email-json} subscribers receive: the
 * confirmation mail with its SubscribeURL, the plain-text notification with an unsubscribe link, and for email-json the
 * signed notification document as the body.
 *
 * <p>As on AWS, mails are from the topic's {@code DisplayName} (or "AWS Notifications"), and a notification's subject
 * line is the Publish's {@code Subject} (or "AWS Notification Message"). The bodies' wording is Wharf's own.
 */
final class MailMessages {

    static final String DEFAULT_SENDER_NAME = "AWS Notifications";
    static final String DEFAULT_SUBJECT = "AWS Notification Message";
    static final String CONFIRMATION_SUBJECT = "AWS Notification - Subscription Confirmation";

    private final Topics topics;
    private final Envelope envelope;
    private final QueueNotifications notifications;

    MailMessages(Topics topics, Envelope envelope, QueueNotifications notifications) {
        this.topics = topics;
        this.envelope = envelope;
        this.notifications = notifications;
    }

    /** Whether deliveries over the protocol are mails. */
    static boolean mails(String protocol) {
        return protocol.equals("email") || protocol.equals("email-json");
    }

    /** The mail that asks an address's owner to confirm its subscription, by opening the SubscribeURL. */
    Mail confirmation(SnsRecords.Handshake handshake) {
        String subscribeUrl =
                EndpointRequests.subscribeUrl(handshake.serviceEndpoint(), handshake.topicArn(), handshake.token());
        String text = "This address was subscribed to the Amazon SNS topic\n"
                + handshake.topicArn() + "\n\n"
                + "Open this link to confirm the subscription:\n"
                + subscribeUrl + "\n\n"
                + "Until it is confirmed, the topic sends nothing here. If you did not ask for it, ignore this mail.\n";
        return new Mail(senderName(handshake.topicArn()), handshake.endpoint(), CONFIRMATION_SUBJECT, text);
    }

    /** A notification to an email or email-json subscription. */
    Mail notification(SnsRecords.Published published, Subscription subscription) {
        String subject = published.subject() == null ? DEFAULT_SUBJECT : published.subject();
        return new Mail(
                senderName(published.topicArn()), subscription.endpoint(), subject, text(published, subscription));
    }

    /** The body of a notification's mail: the message and an unsubscribe link, or for email-json the document. */
    String text(SnsRecords.Published published, Subscription subscription) {
        String message = QueueNotifications.messageFor(published, subscription.protocol());
        if (subscription.protocol().equals("email-json")) {
            return envelope.notification(notifications.notification(published, subscription, message));
        }
        return message + "\n\n--\n"
                + "To stop receiving notifications from this topic, open this link to unsubscribe:\n"
                + QueueNotifications.unsubscribeUrl(published.endpoint(), subscription.arn()) + "\n";
    }

    /** Who the topic's mails are from: its display name, or AWS's default when it has none (or is gone). */
    private String senderName(String topicArn) {
        Topic topic = topics.find(topicArn);
        if (topic == null) {
            return DEFAULT_SENDER_NAME;
        }
        topic.lock.lock();
        try {
            String displayName = topic.attributes.get(TopicAttributeName.DisplayName.name());
            return displayName == null || displayName.isBlank() ? DEFAULT_SENDER_NAME : displayName;
        } finally {
            topic.lock.unlock();
        }
    }
}
