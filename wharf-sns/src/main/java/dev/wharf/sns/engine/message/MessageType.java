package dev.wharf.sns.engine.message;

/**
 * The {@code Type} of a document that SNS sends, as it appears in the document and in the
 * {@code x-amz-sns-message-type} header.
 */
public enum MessageType {
    Notification,
    SubscriptionConfirmation,
    UnsubscribeConfirmation
}
