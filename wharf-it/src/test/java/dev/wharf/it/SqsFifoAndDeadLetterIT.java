package dev.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.client.builder.AwsClientBuilder;
import com.amazonaws.services.sqs.AmazonSQS;
import com.amazonaws.services.sqs.AmazonSQSClientBuilder;
import dev.wharf.testing.WharfHandle;
import dev.wharf.testing.WharfTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;

/** FIFO queues, dead-letter queues and queue permissions through the SDK v2 (JSON) and the SDK v1 (Query). */
@WharfTest(storage = "sync")
class SqsFifoAndDeadLetterIT {

    /** A dead-letter queue and a source queue with VisibilityTimeout 0 that redrives to it. */
    record DeadLetterPair(String dlq, String dlqArn, String source) {}

    static DeadLetterPair deadLetterPair(SqsClient sqs, String dead, String live, int maxReceiveCount) {
        String dlq = sqs.createQueue(b -> b.queueName(dead)).queueUrl();
        String dlqArn = sqs.getQueueAttributes(b -> b.queueUrl(dlq).attributeNamesWithStrings("QueueArn"))
                .attributesAsStrings()
                .get("QueueArn");
        String source = sqs.createQueue(b -> b.queueName(live)
                        .attributesWithStrings(Map.of(
                                "RedrivePolicy",
                                "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"" + maxReceiveCount
                                        + "\"}",
                                "VisibilityTimeout",
                                "0")))
                .queueUrl();
        return new DeadLetterPair(dlq, dlqArn, source);
    }

    private static String fifo(SqsClient sqs, String name, Map<String, String> attributes) {
        Map<String, String> all = new java.util.HashMap<>(attributes);
        all.put("FifoQueue", "true");
        return sqs.createQueue(b -> b.queueName(name).attributesWithStrings(all))
                .queueUrl();
    }

    @Test
    void fifoKeepsGroupOrderAndBlocksAGroupWhileItsHeadIsInFlight(WharfHandle wharf) {
        try (SqsClient sqs = wharf.sqs()) {
            String url = fifo(sqs, "orders.fifo", Map.of("ContentBasedDeduplication", "true"));
            SendMessageBatchResponse batch = sqs.sendMessageBatch(b -> b.queueUrl(url)
                    .entries(
                            e -> e.id("1").messageBody("a1").messageGroupId("a"),
                            e -> e.id("2").messageBody("a2").messageGroupId("a"),
                            e -> e.id("3").messageBody("b1").messageGroupId("b")));
            assertThat(batch.successful()).extracting(entry -> entry.id()).containsExactly("1", "2", "3");
            assertThat(batch.successful())
                    .allSatisfy(entry -> assertThat(entry.sequenceNumber()).matches("\\d{20}"));
            List<Message> first = sqs.receiveMessage(b -> b.queueUrl(url)
                            .maxNumberOfMessages(1)
                            .messageSystemAttributeNames(MessageSystemAttributeName.ALL))
                    .messages();
            assertThat(first).singleElement().satisfies(message -> {
                assertThat(message.body()).isEqualTo("a1");
                assertThat(message.attributesAsStrings())
                        .containsEntry("MessageGroupId", "a")
                        .containsKeys("SequenceNumber", "MessageDeduplicationId");
            });
            List<Message> next = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10))
                    .messages();
            assertThat(next).extracting(Message::body).containsExactly("b1");
            sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(first.get(0).receiptHandle()));
            assertThat(sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10))
                            .messages())
                    .extracting(Message::body)
                    .containsExactly("a2");
        }
    }

    @Test
    void fifoDeduplicatesWithinFiveMinutesAndReturnsTheOriginalIds(WharfHandle wharf) {
        try (SqsClient sqs = wharf.sqs()) {
            String url = fifo(sqs, "dedup.fifo", Map.of());
            SendMessageResponse original = sqs.sendMessage(
                    b -> b.queueUrl(url).messageBody("once").messageGroupId("g").messageDeduplicationId("d1"));
            SendMessageResponse duplicate = sqs.sendMessage(
                    b -> b.queueUrl(url).messageBody("once").messageGroupId("g").messageDeduplicationId("d1"));
            assertThat(duplicate.messageId()).isEqualTo(original.messageId());
            assertThat(duplicate.sequenceNumber()).isEqualTo(original.sequenceNumber());
            assertThat(sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10))
                            .messages())
                    .hasSize(1);
        }
    }

    @Test
    void fifoSendRulesGiveAwsErrors(WharfHandle wharf) {
        try (SqsClient sqs = wharf.sqs()) {
            String url = fifo(sqs, "rules.fifo", Map.of());
            AwsServiceException noGroup = catchThrowableOfType(
                    AwsServiceException.class,
                    () -> sqs.sendMessage(b -> b.queueUrl(url).messageBody("x").messageDeduplicationId("d")));
            assertThat(noGroup.awsErrorDetails().errorCode()).isEqualTo("MissingParameter");
            assertThat(noGroup.awsErrorDetails().errorMessage())
                    .isEqualTo("The request must contain the parameter MessageGroupId.");
            AwsServiceException noDedup = catchThrowableOfType(
                    AwsServiceException.class,
                    () -> sqs.sendMessage(b -> b.queueUrl(url).messageBody("x").messageGroupId("g")));
            assertThat(noDedup.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
            assertThat(noDedup.awsErrorDetails().errorMessage())
                    .isEqualTo("The queue should either have ContentBasedDeduplication enabled or "
                            + "MessageDeduplicationId provided explicitly");
            AwsServiceException delay = catchThrowableOfType(
                    AwsServiceException.class,
                    () -> sqs.sendMessage(b -> b.queueUrl(url)
                            .messageBody("x")
                            .messageGroupId("g")
                            .messageDeduplicationId("d")
                            .delaySeconds(5)));
            assertThat(delay.awsErrorDetails().errorMessage())
                    .isEqualTo("Value 5 for parameter DelaySeconds is invalid. Reason: The request include parameter "
                            + "that is not valid for this queue type.");
        }
    }

    @Test
    void messagePastMaxReceiveCountMovesToTheDeadLetterQueue(WharfHandle wharf) {
        try (SqsClient sqs = wharf.sqs()) {
            DeadLetterPair pair = deadLetterPair(sqs, "dead", "live", 2);
            String dlq = pair.dlq();
            String dlqArn = pair.dlqArn();
            String source = pair.source();
            String messageId = sqs.sendMessage(b -> b.queueUrl(source).messageBody("poison"))
                    .messageId();
            assertThat(sqs.receiveMessage(b -> b.queueUrl(source)).messages()).hasSize(1);
            assertThat(sqs.receiveMessage(b -> b.queueUrl(source)).messages()).hasSize(1);
            assertThat(sqs.receiveMessage(b -> b.queueUrl(source)).messages()).isEmpty();
            List<Message> dead = sqs.receiveMessage(
                            b -> b.queueUrl(dlq).messageSystemAttributeNames(MessageSystemAttributeName.ALL))
                    .messages();
            assertThat(dead).singleElement().satisfies(message -> {
                assertThat(message.messageId()).isEqualTo(messageId);
                assertThat(message.body()).isEqualTo("poison");
                assertThat(message.attributesAsStrings())
                        .containsEntry("DeadLetterQueueSourceArn", dlqArn.replace("dead", "live"));
            });
            assertThat(sqs.listDeadLetterSourceQueues(b -> b.queueUrl(dlq)).queueUrls())
                    .containsExactly(source);
        }
    }

    @Test
    void addAndRemovePermissionEditThePolicy(WharfHandle wharf) {
        try (SqsClient sqs = wharf.sqs()) {
            String url = sqs.createQueue(b -> b.queueName("shared")).queueUrl();
            sqs.addPermission(b ->
                    b.queueUrl(url).label("team").awsAccountIds("111122223333").actions("SendMessage"));
            String policy = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNamesWithStrings("Policy"))
                    .attributesAsStrings()
                    .get("Policy");
            assertThat(policy)
                    .contains("\"Sid\":\"team\"")
                    .contains("arn:aws:iam::111122223333:root")
                    .contains("SQS:SendMessage");
            AwsServiceException twice = catchThrowableOfType(
                    AwsServiceException.class,
                    () -> sqs.addPermission(b -> b.queueUrl(url)
                            .label("team")
                            .awsAccountIds("111122223333")
                            .actions("SendMessage")));
            assertThat(twice.awsErrorDetails().errorMessage())
                    .isEqualTo("Value team for parameter Label is invalid. Reason: Already exists.");
            sqs.removePermission(b -> b.queueUrl(url).label("team"));
            assertThat(sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNamesWithStrings("Policy"))
                            .attributesAsStrings())
                    .doesNotContainKey("Policy");
        }
    }

    @Test
    void fifoOverQueryReturnsSequenceNumbers(WharfHandle wharf) {
        AmazonSQS sqs = AmazonSQSClientBuilder.standard()
                .withEndpointConfiguration(new AwsClientBuilder.EndpointConfiguration(
                        wharf.endpoint().toString(), "us-east-1"))
                .withCredentials(new AWSStaticCredentialsProvider(new BasicAWSCredentials("test", "test")))
                .build();
        try {
            String url = sqs.createQueue(new com.amazonaws.services.sqs.model.CreateQueueRequest("query.fifo")
                            .withAttributes(Map.of("FifoQueue", "true", "ContentBasedDeduplication", "true")))
                    .getQueueUrl();
            String sequence = sqs.sendMessage(
                            new com.amazonaws.services.sqs.model.SendMessageRequest(url, "q1").withMessageGroupId("g"))
                    .getSequenceNumber();
            assertThat(sequence).matches("\\d{20}");
            List<com.amazonaws.services.sqs.model.Message> messages = sqs.receiveMessage(
                            new com.amazonaws.services.sqs.model.ReceiveMessageRequest(url).withAttributeNames("All"))
                    .getMessages();
            assertThat(messages).singleElement().satisfies(message -> {
                assertThat(message.getBody()).isEqualTo("q1");
                assertThat(message.getAttributes()).containsEntry("SequenceNumber", sequence);
            });
        } finally {
            sqs.shutdown();
        }
    }

    @Test
    void moveTaskReturnsDeadLettersToTheirSourceWithNewIds(WharfHandle wharf) {
        try (SqsClient sqs = wharf.sqs()) {
            DeadLetterPair pair = deadLetterPair(sqs, "redrive-dead", "redrive-live", 1);
            String dlq = pair.dlq();
            String dlqArn = pair.dlqArn();
            String source = pair.source();
            String originalId = sqs.sendMessage(b -> b.queueUrl(source).messageBody("retry me"))
                    .messageId();
            sqs.receiveMessage(b -> b.queueUrl(source));
            assertThat(sqs.receiveMessage(b -> b.queueUrl(source)).messages()).isEmpty();
            AwsServiceException notDlq = catchThrowableOfType(
                    AwsServiceException.class,
                    () -> sqs.startMessageMoveTask(b -> b.sourceArn(dlqArn.replace("redrive-dead", "redrive-live"))));
            assertThat(notDlq.awsErrorDetails().errorMessage())
                    .isEqualTo("Source queue must be configured as a Dead Letter Queue.");
            String handle = sqs.startMessageMoveTask(b -> b.sourceArn(dlqArn).maxNumberOfMessagesPerSecond(50))
                    .taskHandle();
            assertThat(handle).isNotBlank();
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(sqs.listMessageMoveTasks(b -> b.sourceArn(dlqArn))
                                    .results()
                                    .get(0)
                                    .status())
                            .isEqualTo("COMPLETED"));
            assertThat(sqs.listMessageMoveTasks(b -> b.sourceArn(dlqArn))
                            .results()
                            .get(0)
                            .approximateNumberOfMessagesMoved())
                    .isEqualTo(1L);
            List<Message> back = sqs.receiveMessage(b -> b.queueUrl(source)
                            .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
                    .messages();
            assertThat(back).singleElement().satisfies(message -> {
                assertThat(message.body()).isEqualTo("retry me");
                assertThat(message.messageId()).isNotEqualTo(originalId);
                assertThat(message.attributesAsStrings()).containsEntry("ApproximateReceiveCount", "1");
            });
        }
    }
}
