package dev.wharf.sns.api;

import org.jspecify.annotations.Nullable;

/**
 * How another service publishes to an SNS topic in-process, as CloudWatch's alarm actions do: the message goes through
 * the topic exactly as a Publish of the topic's account would, to every subscription.
 *
 * <p>Implementations are thread-safe and may block until the message is durable, as Publish does.
 */
public interface TopicPublishPort {

    /**
     * Publishes a message to a topic.
     *
     * @param accountId the account that publishes, which must own the topic (cross-account publishing waits for topic
     *     policies to be enforced)
     * @return the message's id
     * @throws dev.wharf.common.AwsException SNS's error: {@code NotFound} for a topic that does not exist, and the
     *     errors of Publish
     */
    String publish(String accountId, String topicArn, @Nullable String subject, String message);
}
