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

    private static AwsServiceException error(Runnable call) {
        return catchThrowableOfType(AwsServiceException.class, call::run);
    }

    private static void assertError(AwsServiceException e, String code, int status, String message) {
        assertThat(e).as("expected " + code).isNotNull();
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
        assertThat(e.statusCode()).isEqualTo(status);
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
    }

    @Test
    void visibilityTimeoutHidesAndChangeVisibilityToZeroReturnsTheMessage(WharfHandle wharf) {
        try (SqsClient sqs = wharf.sqs()) {
            String url = sqs.createQueue(b -> b.queueName("msg-visibility")).queueUrl();
            sqs.sendMessage(b -> b.queueUrl(url).messageBody("v"));
            Message first = sqs.receiveMessage(b -> b.queueUrl(url).visibilityTimeout(600))
                    .messages()
                    .get(0);
            assertThat(sqs.receiveMessage(b -> b.queueUrl(url)).messages()).isEmpty();
            sqs.changeMessageVisibility(
                    b -> b.queueUrl(url).receiptHandle(first.receiptHandle()).visibilityTimeout(0));
            Message again = sqs.receiveMessage(b -> b.queueUrl(url)
                            .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
                    .messages()
                    .get(0);
            assertThat(again.messageId()).isEqualTo(first.messageId());
            assertThat(again.receiptHandle()).isNotEqualTo(first.receiptHandle());
            assertThat(again.attributesAsStrings()).containsEntry("ApproximateReceiveCount", "2");
            assertError(
                    error(() -> sqs.changeMessageVisibility(b ->
                            b.queueUrl(url).receiptHandle(again.receiptHandle()).visibilityTimeout(43201))),
                    "InvalidParameterValue",
                    400,
                    "Value 43201 for parameter VisibilityTimeout is invalid. Reason: Must be between 0 and 43200, if provided.");
        }
    }

    @Test
    void longPollReturnsAsSoonAsAMessageIsSent(WharfHandle wharf) throws Exception {
        try (SqsClient sqs = wharf.sqs();
                SqsClient producer = wharf.sqs()) {
            String url = sqs.createQueue(b -> b.queueName("msg-longpoll")).queueUrl();
            Thread sender = Thread.ofVirtual().start(() -> {
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                producer.sendMessage(b -> b.queueUrl(url).messageBody("wake"));
            });
            long start = System.nanoTime();
            List<Message> messages =
                    sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(20)).messages();
            long waitedMillis = (System.nanoTime() - start) / 1_000_000;
            sender.join();
            assertThat(messages).singleElement().extracting(Message::body).isEqualTo("wake");
            assertThat(waitedMillis)
                    .as("returned on the send, long before the 20 s wait")
                    .isLessThan(10_000);
        }
    }

    @Test
    void delayedMessageIsCountedAsDelayedAndHidden(WharfHandle wharf) {
        try (SqsClient sqs = wharf.sqs()) {
            String url = sqs.createQueue(b -> b.queueName("msg-delay")).queueUrl();
            sqs.sendMessage(b -> b.queueUrl(url).messageBody("later").delaySeconds(900));
            assertThat(sqs.receiveMessage(b -> b.queueUrl(url)).messages()).isEmpty();
            assertThat(sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNamesWithStrings("All"))
                            .attributesAsStrings())
                    .containsEntry("ApproximateNumberOfMessagesDelayed", "1")
                    .containsEntry("ApproximateNumberOfMessages", "0");
            assertError(
                    error(() -> sqs.sendMessage(
                            b -> b.queueUrl(url).messageBody("x").delaySeconds(901))),
                    "InvalidParameterValue",
                    400,
                    "Value 901 for parameter DelaySeconds is invalid. Reason: DelaySeconds must be >= 0 and <= 900.");
        }
    }

    @Test
    void invalidBodiesAndHandlesGetAwsErrors(WharfHandle wharf) {
        try (SqsClient sqs = wharf.sqs()) {
            String url = sqs.createQueue(
                            b -> b.queueName("msg-invalid").attributesWithStrings(Map.of("MaximumMessageSize", "1024")))
                    .queueUrl();
            AwsServiceException tooLong =
                    error(() -> sqs.sendMessage(b -> b.queueUrl(url).messageBody("x".repeat(1025))));
            assertThat(tooLong.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
            assertThat(tooLong.awsErrorDetails().errorMessage())
                    .isEqualTo("One or more parameters are invalid. Reason: Message must be shorter than 1024 bytes.");
            AwsServiceException badChar =
                    error(() -> sqs.sendMessage(b -> b.queueUrl(url).messageBody("bell\u0007")));
            assertThat(badChar.awsErrorDetails().errorCode()).isEqualTo("InvalidMessageContents");
            assertThat(badChar.statusCode()).isEqualTo(400);
            AwsServiceException handle =
                    error(() -> sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle("garbage")));
            assertThat(handle.awsErrorDetails().errorCode()).isEqualTo("ReceiptHandleIsInvalid");
            assertThat(handle.statusCode()).isEqualTo(404);
            assertError(
                    error(() -> sqs.sendMessageBatch(b -> b.queueUrl(url).entries(java.util.Collections.emptyList()))),
                    "AWS.SimpleQueueService.EmptyBatchRequest",
                    400,
                    "There should be at least one SendMessageBatchRequestEntry in the request.");
            AwsServiceException tooMany = error(() -> sqs.sendMessageBatch(b -> b.queueUrl(url)
                    .entries(java.util.stream.IntStream.range(0, 11)
                            .mapToObj(i ->
                                    software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry.builder()
                                            .id("e" + i)
                                            .messageBody("m")
                                            .build())
                            .toList())));
            assertError(
                    tooMany,
                    "AWS.SimpleQueueService.TooManyEntriesInBatchRequest",
                    400,
                    "Maximum number of entries per request are 10. You have sent 11.");
        }
    }

    @Test
    void batchEntryFailuresAreReportedPerEntry(WharfHandle wharf) {
        try (SqsClient sqs = wharf.sqs()) {
            String url = sqs.createQueue(b -> b.queueName("msg-entries")).queueUrl();
            SendMessageBatchResponse response = sqs.sendMessageBatch(
                    b -> b.queueUrl(url).entries(e -> e.id("ok").messageBody("fine"), e -> e.id("late")
                            .messageBody("x")
                            .delaySeconds(901)));
            assertThat(response.successful()).singleElement().satisfies(entry -> assertThat(entry.id())
                    .isEqualTo("ok"));
            assertThat(response.failed()).singleElement().satisfies(entry -> {
                assertThat(entry.id()).isEqualTo("late");
                assertThat(entry.senderFault()).isTrue();
                assertThat(entry.code()).isEqualTo("InvalidParameterValue");
            });
        }
    }

    @Test
    void purgeEmptiesTheQueueAndASecondPurgeWithinAMinuteIs403(WharfHandle wharf) {
        try (SqsClient sqs = wharf.sqs()) {
            String url = sqs.createQueue(b -> b.queueName("msg-purge")).queueUrl();
            sqs.sendMessage(b -> b.queueUrl(url).messageBody("gone"));
            sqs.purgeQueue(b -> b.queueUrl(url));
            assertThat(sqs.receiveMessage(b -> b.queueUrl(url)).messages()).isEmpty();
            AwsServiceException again = error(() -> sqs.purgeQueue(b -> b.queueUrl(url)));
            assertThat(again.awsErrorDetails().errorCode()).isEqualTo("AWS.SimpleQueueService.PurgeQueueInProgress");
            assertThat(again.statusCode()).isEqualTo(403);
            assertThat(again.awsErrorDetails().errorMessage())
                    .isEqualTo("Only one PurgeQueue operation on msg-purge is allowed every 60 seconds.");
        }
    }

    @Test
    void attributeFiltersSelectByNameAndPrefix(WharfHandle wharf) {
        try (SqsClient sqs = wharf.sqs()) {
            String url = sqs.createQueue(b -> b.queueName("msg-filters")).queueUrl();
            MessageAttributeValue text = MessageAttributeValue.builder()
                    .dataType("String")
                    .stringValue("v")
                    .build();
            sqs.sendMessage(b -> b.queueUrl(url)
                    .messageBody("f")
                    .messageAttributes(Map.of("order.id", text, "order.kind", text, "other", text)));
            Message message = sqs.receiveMessage(b -> b.queueUrl(url).messageAttributeNames("order.*"))
                    .messages()
                    .get(0);
            assertThat(message.messageAttributes()).containsOnlyKeys("order.id", "order.kind");
            sqs.changeMessageVisibility(
                    b -> b.queueUrl(url).receiptHandle(message.receiptHandle()).visibilityTimeout(0));
            Message prefixed = sqs.receiveMessage(b -> b.queueUrl(url).messageAttributeNames("ord.*"))
                    .messages()
                    .get(0);
            assertThat(prefixed.messageAttributes()).containsOnlyKeys("order.id", "order.kind");
        }
    }

    private static AmazonSQS queryClient(WharfHandle wharf) {
        return AmazonSQSClientBuilder.standard()
                .withEndpointConfiguration(new AwsClientBuilder.EndpointConfiguration(
                        wharf.endpoint().toString(), "us-east-1"))
                .withCredentials(new AWSStaticCredentialsProvider(new BasicAWSCredentials("test", "test")))
                .build();
    }

    @Test
    void prefixFiltersSelectWhatComesAfterThePrefixOverQuery(WharfHandle wharf) {
        AmazonSQS sqs = queryClient(wharf);
        try {
            String url = sqs.createQueue("msg-prefix-query").getQueueUrl();
            com.amazonaws.services.sqs.model.MessageAttributeValue text =
                    new com.amazonaws.services.sqs.model.MessageAttributeValue()
                            .withDataType("String")
                            .withStringValue("v");
            sqs.sendMessage(new com.amazonaws.services.sqs.model.SendMessageRequest(url, "p")
                    .withMessageAttributes(Map.of("Hello", text, "Help.Me", text, "General", text)));

            com.amazonaws.services.sqs.model.Message message = sqs.receiveMessage(
                            new ReceiveMessageRequest(url).withMessageAttributeNames("Hel.*"))
                    .getMessages()
                    .get(0);

            assertThat(message.getMessageAttributes()).containsOnlyKeys("Hello", "Help.Me");
        } finally {
            sqs.shutdown();
        }
    }

    /** One message attribute that AWS refuses, and the error message it answers. */
    private record Refused(String dataType, String value, String message) {}

    @Test
    void attributeValuesAndTypesAreRefusedAlikeOverJsonAndQuery(WharfHandle wharf) {
        List<Refused> refused = List.of(
                new Refused(
                        "Number",
                        "1".repeat(500),
                        "The value of message (user) attribute 'a' has more than 38 digits of precision."),
                new Refused(
                        "Number",
                        "1e400",
                        "The value of message (user) attribute 'a' is outside the range of a Number, whose magnitude"
                                + " is from 10^-128 to 10^+126."),
                new Refused(
                        "String." + "x".repeat(300),
                        "v",
                        "The type of message (user) attribute 'a' exceeds the maximum length of 256 characters."));
        AmazonSQS query = queryClient(wharf);
        try (SqsClient json = wharf.sqs()) {
            String url = json.createQueue(b -> b.queueName("msg-refused")).queueUrl();
            for (Refused attribute : refused) {
                assertError(
                        error(() -> json.sendMessage(b -> b.queueUrl(url)
                                .messageBody("x")
                                .messageAttributes(Map.of(
                                        "a",
                                        MessageAttributeValue.builder()
                                                .dataType(attribute.dataType())
                                                .stringValue(attribute.value())
                                                .build())))),
                        "InvalidParameterValue",
                        400,
                        attribute.message());
                com.amazonaws.services.sqs.model.AmazonSQSException overQuery = catchThrowableOfType(
                        com.amazonaws.services.sqs.model.AmazonSQSException.class,
                        () -> query.sendMessage(new com.amazonaws.services.sqs.model.SendMessageRequest(url, "x")
                                .withMessageAttributes(Map.of(
                                        "a",
                                        new com.amazonaws.services.sqs.model.MessageAttributeValue()
                                                .withDataType(attribute.dataType())
                                                .withStringValue(attribute.value())))));
                assertThat(overQuery.getErrorCode()).isEqualTo("InvalidParameterValue");
                assertThat(overQuery.getStatusCode()).isEqualTo(400);
                assertThat(overQuery.getErrorMessage()).isEqualTo(attribute.message());
            }
            SendMessageBatchResponse batch = json.sendMessageBatch(
                    b -> b.queueUrl(url).entries(e -> e.id("fine").messageBody("x"), e -> e.id("huge")
                            .messageBody("x")
                            .messageAttributes(Map.of(
                                    "a",
                                    MessageAttributeValue.builder()
                                            .dataType("Number")
                                            .stringValue("1e400")
                                            .build()))));
            assertThat(batch.successful()).extracting(entry -> entry.id()).containsExactly("fine");
            assertThat(batch.failed()).singleElement().satisfies(entry -> {
                assertThat(entry.id()).isEqualTo("huge");
                assertThat(entry.code()).isEqualTo("InvalidParameterValue");
                assertThat(entry.message()).isEqualTo(refused.get(1).message());
            });
        } finally {
            query.shutdown();
        }
    }
}
