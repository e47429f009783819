package dev.wharf.sns.engine.message;

import java.time.Instant;

/**
 * A {@code SubscriptionConfirmation} or {@code UnsubscribeConfirmation} document's content, with the {@code Message}
 * text that AWS writes.
 *
 * @param subscribeUrl the URL that confirms the subscription (again, after an unsubscribe)
 * @param token the token that ConfirmSubscription takes
 */
public record Confirmation(
        MessageType type,
        String messageId,
        String token,
        String topicArn,
        String message,
        String subscribeUrl,
        Instant timestamp,
        String signingCertUrl,
        SignatureVersion signatureVersion) {

    public Confirmation {
        if (type == MessageType.Notification) {
            throw new IllegalArgumentException(
                    "a confirmation is a SubscriptionConfirmation or UnsubscribeConfirmation");
        }
    }

    /** The confirmation that SNS sends when an endpoint is subscribed to a topic. */
    public static Confirmation subscription(
            String messageId,
            String token,
            String topicArn,
            String subscribeUrl,
            Instant timestamp,
            String signingCertUrl,
            SignatureVersion signatureVersion) {
        String message = "You have chosen to subscribe to the topic " + topicArn
                + ".\nTo confirm the subscription, visit the SubscribeURL included in this message.";
        return new Confirmation(
                MessageType.SubscriptionConfirmation,
                messageId,
                token,
                topicArn,
                message,
                subscribeUrl,
                timestamp,
                signingCertUrl,
                signatureVersion);
    }

    /** The confirmation that SNS sends when an endpoint's subscription is deleted, with a URL that restores it. */
    public static Confirmation unsubscribe(
            String messageId,
            String token,
            String topicArn,
            String subscriptionArn,
            String subscribeUrl,
            Instant timestamp,
            String signingCertUrl,
            SignatureVersion signatureVersion) {
        String message = "You have chosen to deactivate subscription " + subscriptionArn
                + ".\nTo cancel this operation and restore the subscription, visit the SubscribeURL included in this"
                + " message.";
        return new Confirmation(
                MessageType.UnsubscribeConfirmation,
                messageId,
                token,
                topicArn,
                message,
                subscribeUrl,
                timestamp,
                signingCertUrl,
                signatureVersion);
    }
}
