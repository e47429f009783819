package dev.wharf.sqs.api;

/**
 * Sends messages to queues for other services in the same server (SNS's subscriptions), without HTTP.
 *
 * <p>A delivery is checked as SendMessage checks a request (body, attributes, FIFO parameters) and is durable when
 * this returns, so the message can be received at once. A queue of another account accepts it only when its policy
 * lets the sending resource send. Thread-safe; concurrent deliveries to different queues share the store's group
 * commits.
 */
public interface QueueDeliveryPort {

    /**
     * Sends one message.
     *
     * @return the message id (and a FIFO queue's sequence number), with the digests that SendMessage returns
     * @throws dev.wharf.common.AwsException {@link SqsError#QueueDoesNotExist} when no such queue exists, {@link
     *     SqsError#InvalidSecurity} when the queue's owner has not allowed the source to send, or the error that
     *     SendMessage would give for the message
     */
    SendMessageResult deliver(QueueDelivery delivery);
}
