package dev.wharf.bench.fuzz;

import static dev.wharf.bench.fuzz.FuzzFixture.ATTRS;
import static dev.wharf.bench.fuzz.FuzzFixture.DLQ;
import static dev.wharf.bench.fuzz.FuzzFixture.DOOMED;
import static dev.wharf.bench.fuzz.FuzzFixture.FIFO;
import static dev.wharf.bench.fuzz.FuzzFixture.MAIN;

import com.amazonaws.services.sqs.AmazonSQS;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeNameForSends;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * Every SQS operation once, as an application would call it through the SDK v2 (AWS JSON 1.0) and the SDK v1 (AWS
 * Query), with every member that the operation takes filled in, naming the fixture's queues, ARNs and handles.
 */
final class SdkCatalogue {

    /** One SDK call: the operation's name and what to call on the client. */
    record Call<C>(String operation, Consumer<C> run) {}

    static final String BODY = "fuzz message body";
    static final String TRACE_HEADER = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";
    static final String OTHER_ACCOUNT = "111122223333";

    private SdkCatalogue() {}

    static List<Call<SqsClient>> json(FuzzFixture.State s) {
        Map<String, MessageAttributeValue> attributes = Map.of(
                "s",
                        MessageAttributeValue.builder()
                                .dataType("String")
                                .stringValue("v")
                                .build(),
                "n",
                        MessageAttributeValue.builder()
                                .dataType("Number")
                                .stringValue("1.5")
                                .build(),
                "b",
                        MessageAttributeValue.builder()
                                .dataType("Binary")
                                .binaryValue(SdkBytes.fromUtf8String("bin"))
                                .build());
        Map<MessageSystemAttributeNameForSends, MessageSystemAttributeValue> system = Map.of(
                MessageSystemAttributeNameForSends.AWS_TRACE_HEADER,
                MessageSystemAttributeValue.builder()
                        .dataType("String")
                        .stringValue(TRACE_HEADER)
                        .build());
        List<Call<SqsClient>> calls = new ArrayList<>(jsonQueueCalls(s));
        calls.addAll(jsonMessageCalls(s, attributes, system));
        calls.addAll(jsonOtherCalls(s));
        return calls;
    }

    /** The queue operations. */
    private static List<Call<SqsClient>> jsonQueueCalls(FuzzFixture.State s) {
        return List.of(
                new Call<>(
                        "CreateQueue",
                        c -> c.createQueue(b -> b.queueName(s.name(DOOMED))
                                .attributesWithStrings(Map.of("VisibilityTimeout", "600", "DelaySeconds", "0"))
                                .tags(Map.of("team", "fuzz")))),
                new Call<>(
                        "GetQueueUrl",
                        c -> c.getQueueUrl(b -> b.queueName(s.name(MAIN)).queueOwnerAWSAccountId("000000000000"))),
                new Call<>(
                        "ListQueues",
                        c -> c.listQueues(b -> b.queueNamePrefix("fuzz").maxResults(10))),
                new Call<>("DeleteQueue", c -> c.deleteQueue(b -> b.queueUrl(s.url(DOOMED)))),
                new Call<>(
                        "GetQueueAttributes",
                        c -> c.getQueueAttributes(b -> b.queueUrl(s.url(MAIN)).attributeNamesWithStrings("All"))),
                new Call<>(
                        "SetQueueAttributes",
                        c -> c.setQueueAttributes(b -> b.queueUrl(s.url(ATTRS))
                                .attributesWithStrings(Map.of(
                                        "VisibilityTimeout", "30",
                                        "MaximumMessageSize", "262144",
                                        "RedrivePolicy", redrivePolicy(s))))),
                new Call<>(
                        "TagQueue",
                        c -> c.tagQueue(b -> b.queueUrl(s.url(ATTRS)).tags(Map.of("team", "fuzz", "env", "test")))),
                new Call<>(
                        "UntagQueue",
                        c -> c.untagQueue(b -> b.queueUrl(s.url(ATTRS)).tagKeys("env"))),
                new Call<>("ListQueueTags", c -> c.listQueueTags(b -> b.queueUrl(s.url(ATTRS)))));
    }

    /** The message operations. */
    private static List<Call<SqsClient>> jsonMessageCalls(
            FuzzFixture.State s,
            Map<String, MessageAttributeValue> attributes,
            Map<MessageSystemAttributeNameForSends, MessageSystemAttributeValue> system) {
        return List.of(
                new Call<>(
                        "SendMessage",
                        c -> c.sendMessage(b -> b.queueUrl(s.url(MAIN))
                                .messageBody(BODY)
                                .delaySeconds(0)
                                .messageAttributes(attributes)
                                .messageSystemAttributes(system))),
                new Call<>(
                        "SendMessage",
                        c -> c.sendMessage(b -> b.queueUrl(s.url(FIFO))
                                .messageBody(BODY)
                                .messageGroupId("g1")
                                .messageDeduplicationId("d1"))),
                new Call<>(
                        "SendMessageBatch",
                        c -> c.sendMessageBatch(b -> b.queueUrl(s.url(MAIN))
                                .entries(
                                        SendMessageBatchRequestEntry.builder()
                                                .id("m1")
                                                .messageBody(BODY)
                                                .delaySeconds(0)
                                                .messageAttributes(attributes)
                                                .build(),
                                        SendMessageBatchRequestEntry.builder()
                                                .id("m2")
                                                .messageBody(BODY)
                                                .build()))),
                new Call<>(
                        "ReceiveMessage",
                        c -> c.receiveMessage(b -> b.queueUrl(s.url(MAIN))
                                .maxNumberOfMessages(1)
                                .visibilityTimeout(600)
                                .waitTimeSeconds(0)
                                .messageAttributeNames("All")
                                .messageSystemAttributeNamesWithStrings("All"))),
                new Call<>(
                        "ReceiveMessage",
                        c -> c.receiveMessage(b -> b.queueUrl(s.url(FIFO))
                                .maxNumberOfMessages(1)
                                .waitTimeSeconds(0)
                                .receiveRequestAttemptId("a1"))),
                new Call<>(
                        "DeleteMessage",
                        c -> c.deleteMessage(b -> b.queueUrl(s.url(MAIN)).receiptHandle(s.receiptHandle(0)))),
                new Call<>(
                        "DeleteMessageBatch",
                        c -> c.deleteMessageBatch(b -> b.queueUrl(s.url(MAIN))
                                .entries(
                                        DeleteMessageBatchRequestEntry.builder()
                                                .id("d1")
                                                .receiptHandle(s.receiptHandle(1))
                                                .build(),
                                        DeleteMessageBatchRequestEntry.builder()
                                                .id("d2")
                                                .receiptHandle(s.receiptHandle(2))
                                                .build()))),
                new Call<>(
                        "ChangeMessageVisibility",
                        c -> c.changeMessageVisibility(b -> b.queueUrl(s.url(MAIN))
                                .receiptHandle(s.receiptHandle(3))
                                .visibilityTimeout(43_200))),
                new Call<>(
                        "ChangeMessageVisibility",
                        c -> c.changeMessageVisibility(b -> b.queueUrl(s.url(FIFO))
                                .receiptHandle(s.fifoReceiptHandle())
                                .visibilityTimeout(43_200))),
                new Call<>(
                        "ChangeMessageVisibilityBatch",
                        c -> c.changeMessageVisibilityBatch(b -> b.queueUrl(s.url(MAIN))
                                .entries(
                                        ChangeMessageVisibilityBatchRequestEntry.builder()
                                                .id("c1")
                                                .receiptHandle(s.receiptHandle(4))
                                                .visibilityTimeout(43_200)
                                                .build(),
                                        ChangeMessageVisibilityBatchRequestEntry.builder()
                                                .id("c2")
                                                .receiptHandle(s.receiptHandle(5))
                                                .visibilityTimeout(43_200)
                                                .build()))));
    }

    /** Purges, permissions and message move tasks. */
    private static List<Call<SqsClient>> jsonOtherCalls(FuzzFixture.State s) {
        return List.of(
                new Call<>("PurgeQueue", c -> c.purgeQueue(b -> b.queueUrl(s.url(DOOMED)))),
                new Call<>(
                        "AddPermission",
                        c -> c.addPermission(b -> b.queueUrl(s.url(ATTRS))
                                .label("fuzz")
                                .awsAccountIds(OTHER_ACCOUNT)
                                .actions("SendMessage", "ReceiveMessage"))),
                new Call<>(
                        "RemovePermission",
                        c -> c.removePermission(b -> b.queueUrl(s.url(ATTRS)).label("fuzz"))),
                new Call<>(
                        "ListDeadLetterSourceQueues",
                        c -> c.listDeadLetterSourceQueues(
                                b -> b.queueUrl(s.url(DLQ)).maxResults(10))),
                new Call<>(
                        "StartMessageMoveTask",
                        c -> c.startMessageMoveTask(b -> b.sourceArn(s.arn(DLQ))
                                .destinationArn(s.arn(MAIN))
                                .maxNumberOfMessagesPerSecond(10))),
                new Call<>(
                        "ListMessageMoveTasks",
                        c -> c.listMessageMoveTasks(b -> b.sourceArn(s.arn(DLQ)).maxResults(10))),
                new Call<>("CancelMessageMoveTask", c -> c.cancelMessageMoveTask(b -> b.taskHandle(s.taskHandle()))));
    }

    static List<Call<AmazonSQS>> query(FuzzFixture.State s) {
        Map<String, com.amazonaws.services.sqs.model.MessageAttributeValue> attributes = Map.of(
                "s", v1Attribute("String", "v"),
                "n", v1Attribute("Number", "1.5"),
                "b",
                        new com.amazonaws.services.sqs.model.MessageAttributeValue()
                                .withDataType("Binary")
                                .withBinaryValue(ByteBuffer.wrap(new byte[] {'b', 'i', 'n'})));
        List<Call<AmazonSQS>> calls = new ArrayList<>(queryQueueCalls(s));
        calls.addAll(queryMessageCalls(s, attributes));
        calls.addAll(queryOtherCalls(s));
        return calls;
    }

    /** The queue operations. */
    private static List<Call<AmazonSQS>> queryQueueCalls(FuzzFixture.State s) {
        return List.of(
                new Call<>(
                        "CreateQueue",
                        c -> c.createQueue(new com.amazonaws.services.sqs.model.CreateQueueRequest()
                                .withQueueName(s.name(DOOMED))
                                .withAttributes(Map.of("VisibilityTimeout", "600", "DelaySeconds", "0"))
                                .withTags(Map.of("team", "fuzz")))),
                new Call<>(
                        "GetQueueUrl",
                        c -> c.getQueueUrl(new com.amazonaws.services.sqs.model.GetQueueUrlRequest()
                                .withQueueName(s.name(MAIN))
                                .withQueueOwnerAWSAccountId("000000000000"))),
                new Call<>(
                        "ListQueues",
                        c -> c.listQueues(new com.amazonaws.services.sqs.model.ListQueuesRequest()
                                .withQueueNamePrefix("fuzz")
                                .withMaxResults(10))),
                new Call<>("DeleteQueue", c -> c.deleteQueue(s.url(DOOMED))),
                new Call<>(
                        "GetQueueAttributes",
                        c -> c.getQueueAttributes(new com.amazonaws.services.sqs.model.GetQueueAttributesRequest()
                                .withQueueUrl(s.url(MAIN))
                                .withAttributeNames("All"))),
                new Call<>(
                        "SetQueueAttributes",
                        c -> c.setQueueAttributes(new com.amazonaws.services.sqs.model.SetQueueAttributesRequest()
                                .withQueueUrl(s.url(ATTRS))
                                .withAttributes(Map.of(
                                        "VisibilityTimeout", "30",
                                        "MaximumMessageSize", "262144",
                                        "RedrivePolicy", redrivePolicy(s))))),
                new Call<>("TagQueue", c -> c.tagQueue(s.url(ATTRS), Map.of("team", "fuzz", "env", "test"))),
                new Call<>("UntagQueue", c -> c.untagQueue(s.url(ATTRS), List.of("env"))),
                new Call<>("ListQueueTags", c -> c.listQueueTags(s.url(ATTRS))));
    }

    /** The message operations. */
    private static List<Call<AmazonSQS>> queryMessageCalls(
            FuzzFixture.State s, Map<String, com.amazonaws.services.sqs.model.MessageAttributeValue> attributes) {
        return List.of(
                new Call<>(
                        "SendMessage",
                        c -> c.sendMessage(new com.amazonaws.services.sqs.model.SendMessageRequest()
                                .withQueueUrl(s.url(MAIN))
                                .withMessageBody(BODY)
                                .withDelaySeconds(0)
                                .withMessageAttributes(attributes)
                                .withMessageSystemAttributes(Map.of(
                                        "AWSTraceHeader",
                                        new com.amazonaws.services.sqs.model.MessageSystemAttributeValue()
                                                .withDataType("String")
                                                .withStringValue(TRACE_HEADER))))),
                new Call<>(
                        "SendMessage",
                        c -> c.sendMessage(new com.amazonaws.services.sqs.model.SendMessageRequest()
                                .withQueueUrl(s.url(FIFO))
                                .withMessageBody(BODY)
                                .withMessageGroupId("g1")
                                .withMessageDeduplicationId("d1"))),
                new Call<>(
                        "SendMessageBatch",
                        c -> c.sendMessageBatch(new com.amazonaws.services.sqs.model.SendMessageBatchRequest()
                                .withQueueUrl(s.url(MAIN))
                                .withEntries(
                                        new com.amazonaws.services.sqs.model.SendMessageBatchRequestEntry()
                                                .withId("m1")
                                                .withMessageBody(BODY)
                                                .withDelaySeconds(0)
                                                .withMessageAttributes(attributes),
                                        new com.amazonaws.services.sqs.model.SendMessageBatchRequestEntry()
                                                .withId("m2")
                                                .withMessageBody(BODY)))),
                new Call<>(
                        "ReceiveMessage",
                        c -> c.receiveMessage(new com.amazonaws.services.sqs.model.ReceiveMessageRequest()
                                .withQueueUrl(s.url(MAIN))
                                .withMaxNumberOfMessages(1)
                                .withVisibilityTimeout(600)
                                .withWaitTimeSeconds(0)
                                .withMessageAttributeNames("All")
                                .withAttributeNames("All"))),
                new Call<>(
                        "ReceiveMessage",
                        c -> c.receiveMessage(new com.amazonaws.services.sqs.model.ReceiveMessageRequest()
                                .withQueueUrl(s.url(FIFO))
                                .withMaxNumberOfMessages(1)
                                .withWaitTimeSeconds(0)
                                .withReceiveRequestAttemptId("a1"))),
                new Call<>("DeleteMessage", c -> c.deleteMessage(s.url(MAIN), s.receiptHandle(6))),
                new Call<>(
                        "DeleteMessageBatch",
                        c -> c.deleteMessageBatch(new com.amazonaws.services.sqs.model.DeleteMessageBatchRequest()
                                .withQueueUrl(s.url(MAIN))
                                .withEntries(
                                        new com.amazonaws.services.sqs.model.DeleteMessageBatchRequestEntry(
                                                "d1", s.receiptHandle(7)),
                                        new com.amazonaws.services.sqs.model.DeleteMessageBatchRequestEntry(
                                                "d2", s.receiptHandle(8))))),
                new Call<>(
                        "ChangeMessageVisibility",
                        c -> c.changeMessageVisibility(s.url(MAIN), s.receiptHandle(9), 43_200)),
                new Call<>(
                        "ChangeMessageVisibilityBatch",
                        c -> c.changeMessageVisibilityBatch(
                                new com.amazonaws.services.sqs.model.ChangeMessageVisibilityBatchRequest()
                                        .withQueueUrl(s.url(MAIN))
                                        .withEntries(
                                                new com.amazonaws.services.sqs.model
                                                                .ChangeMessageVisibilityBatchRequestEntry(
                                                                "c1", s.receiptHandle(4))
                                                        .withVisibilityTimeout(43_200)))));
    }

    /** Purges, permissions and message move tasks. */
    private static List<Call<AmazonSQS>> queryOtherCalls(FuzzFixture.State s) {
        return List.of(
                new Call<>(
                        "PurgeQueue",
                        c -> c.purgeQueue(
                                new com.amazonaws.services.sqs.model.PurgeQueueRequest().withQueueUrl(s.url(DOOMED)))),
                new Call<>(
                        "AddPermission",
                        c -> c.addPermission(
                                s.url(ATTRS),
                                "fuzz",
                                List.of(OTHER_ACCOUNT),
                                List.of("SendMessage", "ReceiveMessage"))),
                new Call<>("RemovePermission", c -> c.removePermission(s.url(ATTRS), "fuzz")),
                new Call<>(
                        "ListDeadLetterSourceQueues",
                        c -> c.listDeadLetterSourceQueues(
                                new com.amazonaws.services.sqs.model.ListDeadLetterSourceQueuesRequest()
                                        .withQueueUrl(s.url(DLQ))
                                        .withMaxResults(10))),
                new Call<>(
                        "StartMessageMoveTask",
                        c -> c.startMessageMoveTask(new com.amazonaws.services.sqs.model.StartMessageMoveTaskRequest()
                                .withSourceArn(s.arn(DLQ))
                                .withDestinationArn(s.arn(MAIN))
                                .withMaxNumberOfMessagesPerSecond(10))),
                new Call<>(
                        "ListMessageMoveTasks",
                        c -> c.listMessageMoveTasks(new com.amazonaws.services.sqs.model.ListMessageMoveTasksRequest()
                                .withSourceArn(s.arn(DLQ))
                                .withMaxResults(10))),
                new Call<>(
                        "CancelMessageMoveTask",
                        c -> c.cancelMessageMoveTask(new com.amazonaws.services.sqs.model.CancelMessageMoveTaskRequest()
                                .withTaskHandle(s.taskHandle()))));
    }

    private static com.amazonaws.services.sqs.model.MessageAttributeValue v1Attribute(String type, String value) {
        return new com.amazonaws.services.sqs.model.MessageAttributeValue()
                .withDataType(type)
                .withStringValue(value);
    }

    private static String redrivePolicy(FuzzFixture.State s) {
        return "{\"deadLetterTargetArn\":\"" + s.arn(DLQ) + "\",\"maxReceiveCount\":\"5\"}";
    }
}
