package dev.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.client.builder.AwsClientBuilder;
import com.amazonaws.services.sqs.AmazonSQS;
import com.amazonaws.services.sqs.AmazonSQSClientBuilder;
import com.amazonaws.services.sqs.model.ReceiveMessageRequest;
import dev.wharf.testing.WharfHandle;
import dev.wharf.testing.WharfTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/** Messages on a standard queue through the SDK v2 (JSON) and the SDK v1 (Query); both SDKs check the MD5s. */
@WharfTest(storage = "sync")
class SqsMessagingIT {

    @Test
    void sendReceiveDeleteWithAttributesOverJson(WharfHandle wharf) {
        try (SqsClient sqs = wharf.sqs()) {
            String url = sqs.createQueue(b -> b.queueName("msg-json")).queueUrl();
            sqs.sendMessage(b -> b.queueUrl(url)
                    .messageBody("hello")
                    .messageAttributes(Map.of(
                            "kind",
                                    MessageAttributeValue.builder()
                                            .dataType("String")
                                            .stringValue("greeting")
                                            .build(),
                            "n",
                                    MessageAttributeValue.builder()
                                            .dataType("Number.int")
                                            .stringValue("42")
                                            .build())));
            List<Message> received = sqs.receiveMessage(b -> b.queueUrl(url)
                            .messageAttributeNames("All")
                            .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                            .waitTimeSeconds(1))
                    .messages();
            assertThat(received).singleElement().satisfies(message -> {
                assertThat(message.body()).isEqualTo("hello");
                assertThat(message.messageAttributes()).containsKeys("kind", "n");
                assertThat(message.attributesAsStrings()).containsEntry("ApproximateReceiveCount", "1");
            });
            assertThat(sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNamesWithStrings("All"))
                            .attributesAsStrings())
                    .containsEntry("ApproximateNumberOfMessages", "0")
                    .containsEntry("ApproximateNumberOfMessagesNotVisible", "1");
            sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(received.get(0).receiptHandle()));
            assertThat(sqs.receiveMessage(b -> b.queueUrl(url)).messages()).isEmpty();
        }
    }

    @Test
    void batchesReportEntriesAndWholeRequestErrorsOverJson(WharfHandle wharf) {
        try (SqsClient sqs = wharf.sqs()) {
            String url = sqs.createQueue(b -> b.queueName("msg-batch")).queueUrl();
            SendMessageBatchResponse sent = sqs.sendMessageBatch(b -> b.queueUrl(url)
                    .entries(e -> e.id("a").messageBody("one"), e -> e.id("b").messageBody("two")));
            assertThat(sent.successful()).hasSize(2);
            assertThat(sent.failed()).isEmpty();
            AwsServiceException repeated = catchThrowableOfType(
                    AwsServiceException.class,
                    () -> sqs.sendMessageBatch(
                            b -> b.queueUrl(url).entries(e -> e.id("x").messageBody("1"), e -> e.id("x")
                                    .messageBody("2"))));
            assertThat(repeated.awsErrorDetails().errorCode())
                    .isEqualTo("AWS.SimpleQueueService.BatchEntryIdsNotDistinct");
            assertThat(repeated.statusCode()).isEqualTo(400);
            AwsServiceException wait = catchThrowableOfType(
                    AwsServiceException.class,
                    () -> sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(21)));
            assertThat(wait.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
            assertThat(wait.awsErrorDetails().errorMessage())
                    .isEqualTo(
                            "Value 21 for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= 20, if provided.");
        }
    }

    @Test
    void sendReceiveDeleteOverQuery(WharfHandle wharf) {
        AmazonSQS sqs = AmazonSQSClientBuilder.standard()
                .withEndpointConfiguration(new AwsClientBuilder.EndpointConfiguration(
                        wharf.endpoint().toString(), "us-east-1"))
                .withCredentials(new AWSStaticCredentialsProvider(new BasicAWSCredentials("test", "test")))
                .build();
        try {
            String url = sqs.createQueue("msg-query").getQueueUrl();
            sqs.sendMessage(url, "over query");
            List<com.amazonaws.services.sqs.model.Message> received = sqs.receiveMessage(new ReceiveMessageRequest(url)
                            .withWaitTimeSeconds(1)
                            .withAttributeNames("All"))
                    .getMessages();
            assertThat(received).singleElement().satisfies(message -> {
                assertThat(message.getBody()).isEqualTo("over query");
                assertThat(message.getAttributes()).containsKey("SentTimestamp");
            });
            sqs.deleteMessage(url, received.get(0).getReceiptHandle());
            assertThat(sqs.receiveMessage(url).getMessages()).isEmpty();
        } finally {
            sqs.shutdown();
        }
    }
}
