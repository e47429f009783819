package dev.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.wharf.testing.WharfHandle;
import dev.wharf.testing.WharfTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.PublishResponse;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A FIFO topic's message archive and a subscription's replay through the SDK v2 against a real server: messages
 * published before a queue was subscribed reach it, in order, once its ReplayPolicy asks for them.
 */
@WharfTest
class SnsArchiveIT {

    @Test
    void aNewQueueSubscribedWithAReplayPolicyReceivesTheArchivedMessagesInOrder(WharfHandle wharf) {
        try (SnsClient sns = wharf.sns();
                SqsClient sqs = wharf.sqs()) {
            String topic = sns.createTopic(b -> b.name("archived.fifo")
                            .attributes(Map.of(
                                    "FifoTopic", "true",
                                    "ContentBasedDeduplication", "true",
                                    "ArchivePolicy", "{\"MessageRetentionPeriod\":\"7\"}")))
                    .topicArn();
            String beginning =
                    sns.getTopicAttributes(b -> b.topicArn(topic)).attributes().get("BeginningArchiveTime");
            assertThat(beginning).isNotNull();
            List<PublishResponse> published = new ArrayList<>();
            for (int i = 0; i < 15; i++) {
                String body = "order-" + i;
                published.add(sns.publish(b -> b.topicArn(topic).message(body).messageGroupId("orders")));
            }

            String queueUrl = sqs.createQueue(
                            b -> b.queueName("replayed.fifo").attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true")))
                    .queueUrl();
            String queueArn = sqs.getQueueAttributes(
                            b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes()
                    .get(QueueAttributeName.QUEUE_ARN);
            String subscription = sns.subscribe(b -> b.topicArn(topic)
                            .protocol("sqs")
                            .endpoint(queueArn)
                            .returnSubscriptionArn(true)
                            .attributes(Map.of(
                                    "RawMessageDelivery",
                                    "true",
                                    "ReplayPolicy",
                                    "{\"PointType\":\"Timestamp\",\"StartingPoint\":\"" + beginning + "\"}")))
                    .subscriptionArn();

            List<Message> received = new ArrayList<>();
            Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                List<Message> page = sqs.receiveMessage(b -> b.queueUrl(queueUrl)
                                .maxNumberOfMessages(10)
                                .waitTimeSeconds(1)
                                .messageSystemAttributeNamesWithStrings("All"))
                        .messages();
                for (Message message : page) {
                    received.add(message);
                    sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
                }
                assertThat(received).hasSize(15);
            });
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 15; i++) {
                expected.add("order-" + i);
            }
            assertThat(received).extracting(Message::body).containsExactlyElementsOf(expected);
            assertThat(received.getFirst().attributesAsStrings()).containsEntry("MessageGroupId", "orders");

            Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                            sns.getSubscriptionAttributes(b -> b.subscriptionArn(subscription))
                                    .attributes())
                    .containsEntry("ReplayStatus", "Completed")
                    .containsKey("ReplayPolicy"));
            assertThat(published.getLast().sequenceNumber()).isNotNull();
        }
    }

    @Test
    void archivingIsRefusedOnAStandardTopicAndReplayWithoutAnArchive(WharfHandle wharf) {
        try (SnsClient sns = wharf.sns();
                SqsClient sqs = wharf.sqs()) {
            String standard = sns.createTopic(b -> b.name("not-archived")).topicArn();
            InvalidParameterException refused = catchThrowableOfType(
                    InvalidParameterException.class,
                    () -> sns.setTopicAttributes(b -> b.topicArn(standard)
                            .attributeName("ArchivePolicy")
                            .attributeValue("{\"MessageRetentionPeriod\":\"7\"}")));
            assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("InvalidParameter");
            assertThat(refused.awsErrorDetails().errorMessage())
                    .isEqualTo(
                            "Invalid parameter: ArchivePolicy Reason: ArchivePolicy can only be set for FIFO topics");
            assertThat(refused.statusCode()).isEqualTo(400);

            String fifo = sns.createTopic(b -> b.name("no-archive.fifo").attributes(Map.of("FifoTopic", "true")))
                    .topicArn();
            String queueUrl = sqs.createQueue(b ->
                            b.queueName("no-archive.fifo").attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true")))
                    .queueUrl();
            String queueArn = sqs.getQueueAttributes(
                            b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes()
                    .get(QueueAttributeName.QUEUE_ARN);
            InvalidParameterException noArchive = catchThrowableOfType(
                    InvalidParameterException.class,
                    () -> sns.subscribe(b -> b.topicArn(fifo)
                            .protocol("sqs")
                            .endpoint(queueArn)
                            .attributes(Map.of(
                                    "ReplayPolicy",
                                    "{\"PointType\":\"Timestamp\",\"StartingPoint\":\"2025-01-01T00:00:00Z\"}"))));
            assertThat(noArchive.awsErrorDetails().errorMessage())
                    .isEqualTo("Invalid parameter: ReplayPolicy Reason: Message archiving is not enabled on the topic");
        }
    }
}
