package dev.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.client.builder.AwsClientBuilder;
import com.amazonaws.services.sqs.AmazonSQS;
import com.amazonaws.services.sqs.AmazonSQSClientBuilder;
import com.amazonaws.services.sqs.model.AmazonSQSException;
import com.amazonaws.services.sqs.model.CreateQueueRequest;
import com.amazonaws.services.sqs.model.DeleteMessageBatchRequest;
import com.amazonaws.services.sqs.model.ListQueuesRequest;
import com.amazonaws.services.sqs.model.QueueDoesNotExistException;
import com.amazonaws.services.sqs.model.ReceiveMessageRequest;
import com.amazonaws.services.sqs.model.SendMessageBatchRequest;
import com.amazonaws.services.sqs.model.TagQueueRequest;
import com.amazonaws.services.sqs.model.UntagQueueRequest;
import dev.wharf.testing.WharfHandle;
import dev.wharf.testing.WharfTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Queue management through the AWS SDK for Java v1 (1.12.580), whose SQS client speaks the Query protocol. */
@WharfTest
class SqsQueryProtocolIT {

    private static AmazonSQS sqs;

    @BeforeAll
    static void connect(WharfHandle wharf) {
        sqs = AmazonSQSClientBuilder.standard()
                .withEndpointConfiguration(new AwsClientBuilder.EndpointConfiguration(
                        wharf.endpoint().toString(), "us-east-1"))
                .withCredentials(new AWSStaticCredentialsProvider(new BasicAWSCredentials("test", "test")))
                .build();
    }

    @AfterAll
    static void disconnect() {
        sqs.shutdown();
    }

    @Test
    void createsListsAndDeletesQueuesOverQuery() {
        String url = sqs.createQueue(new CreateQueueRequest("query-orders")
                        .withAttributes(Map.of("VisibilityTimeout", "50", "DelaySeconds", "5"))
                        .withTags(Map.of("team", "q")))
                .getQueueUrl();
        assertThat(url).endsWith("/000000000000/query-orders");
        assertThat(sqs.getQueueUrl("query-orders").getQueueUrl()).isEqualTo(url);
        assertThat(sqs.listQueues(new ListQueuesRequest("query-")).getQueueUrls())
                .containsExactly(url);
        Map<String, String> attributes =
                sqs.getQueueAttributes(url, List.of("All")).getAttributes();
        assertThat(attributes)
                .containsEntry("VisibilityTimeout", "50")
                .containsEntry("DelaySeconds", "5")
                .containsEntry("MaximumMessageSize", "1048576")
                .containsEntry("QueueArn", "arn:aws:sqs:us-east-1:000000000000:query-orders");
        sqs.tagQueue(new TagQueueRequest(url, Map.of("env", "ci")));
        assertThat(sqs.listQueueTags(url).getTags()).isEqualTo(Map.of("team", "q", "env", "ci"));
        sqs.setQueueAttributes(url, Map.of("VisibilityTimeout", "70"));
        assertThat(sqs.getQueueAttributes(url, List.of("VisibilityTimeout")).getAttributes())
                .isEqualTo(Map.of("VisibilityTimeout", "70"));
        sqs.deleteQueue(url);
        assertThat(sqs.listQueues(new ListQueuesRequest("query-")).getQueueUrls())
                .isEmpty();
    }

    @Test
    void errorsCarryQueryCodesAndStatuses() {
        QueueDoesNotExistException missing =
                catchThrowableOfType(QueueDoesNotExistException.class, () -> sqs.getQueueUrl("nope"));
        assertThat(missing.getErrorCode()).isEqualTo("AWS.SimpleQueueService.NonExistentQueue");
        assertThat(missing.getStatusCode()).isEqualTo(400);
        assertThat(missing.getErrorMessage()).isEqualTo("The specified queue does not exist for this wsdl version.");
        assertThat(missing.getErrorType()).isEqualTo(com.amazonaws.AmazonServiceException.ErrorType.Client);

        sqs.createQueue("query-conflict");
        AmazonSQSException conflict = catchThrowableOfType(
                AmazonSQSException.class,
                () -> sqs.createQueue(
                        new CreateQueueRequest("query-conflict").withAttributes(Map.of("DelaySeconds", "3"))));
        assertThat(conflict.getErrorCode()).isEqualTo("QueueAlreadyExists");
        assertThat(conflict.getErrorMessage())
                .isEqualTo(
                        "A queue already exists with the same name and a different value for attribute DelaySeconds");

        AmazonSQSException badValue = catchThrowableOfType(
                AmazonSQSException.class,
                () -> sqs.setQueueAttributes(
                        sqs.getQueueUrl("query-conflict").getQueueUrl(), Map.of("MessageRetentionPeriod", "10")));
        assertThat(badValue.getErrorCode()).isEqualTo("InvalidAttributeValue");
        assertThat(badValue.getErrorMessage()).isEqualTo("Invalid value for the parameter MessageRetentionPeriod.");
    }

    private static AmazonSQSException error(Runnable call) {
        AmazonSQSException e = catchThrowableOfType(AmazonSQSException.class, call::run);
        assertThat(e).as("an AWS error").isNotNull();
        return e;
    }

    private static void assertError(AmazonSQSException e, String code, int status, String message) {
        assertThat(e.getErrorCode()).isEqualTo(code);
        assertThat(e.getStatusCode()).isEqualTo(status);
        assertThat(e.getErrorMessage()).isEqualTo(message);
    }

    @Test
    void aBareQueueNameNamesTheCallersQueueOverQuery() {
        String url = sqs.createQueue("v1-bare").getQueueUrl();

        sqs.sendMessage("v1-bare", "by name");

        assertThat(sqs.receiveMessage(new ReceiveMessageRequest("v1-bare").withWaitTimeSeconds(1))
                        .getMessages())
                .singleElement()
                .satisfies(message -> assertThat(message.getBody()).isEqualTo("by name"));
        assertThat(sqs.getQueueAttributes("v1-bare", List.of("QueueArn")).getAttributes())
                .containsEntry("QueueArn", "arn:aws:sqs:us-east-1:000000000000:v1-bare");
        assertError(
                error(() -> sqs.sendMessage("v1-nope", "x")),
                "AWS.SimpleQueueService.NonExistentQueue",
                400,
                "The specified queue does not exist for this wsdl version.");
        sqs.deleteQueue(url);
    }

    @Test
    void emptyListsAnswerAsAwsDoesOverQuery() {
        String url = sqs.createQueue("v1-empty").getQueueUrl();

        assertError(
                error(() -> sqs.sendMessageBatch(new SendMessageBatchRequest(url, List.of()))),
                "AWS.SimpleQueueService.EmptyBatchRequest",
                400,
                "There should be at least one SendMessageBatchRequestEntry in the request.");
        assertError(
                error(() -> sqs.deleteMessageBatch(new DeleteMessageBatchRequest(url, List.of()))),
                "AWS.SimpleQueueService.EmptyBatchRequest",
                400,
                "There should be at least one DeleteMessageBatchRequestEntry in the request.");
        assertError(
                error(() -> sqs.addPermission(url, "label", List.of(), List.of("SendMessage"))),
                "InvalidParameterValue",
                400,
                "Value [] for parameter PrincipalId is invalid. Reason: Unable to verify.");
        assertError(
                error(() -> sqs.untagQueue(new UntagQueueRequest(url, List.of()))),
                "InvalidParameterValue",
                400,
                "Tag keys must be between 1 and 128 characters in length.");
    }

    @Test
    void permissionsAndQueueTypeAreCheckedOverQuery() {
        String url = sqs.createQueue("v1-rules").getQueueUrl();

        assertError(
                error(() -> sqs.addPermission(url, "label", List.of("111111111111"), List.of("RemovePermission"))),
                "InvalidParameterValue",
                400,
                "Value SQS:RemovePermission for parameter ActionName is invalid. Reason: Only the queue owner is"
                        + " allowed to invoke this action.");
        assertError(
                error(() -> sqs.addPermission(
                        url,
                        "label",
                        List.of("111111111111"),
                        List.of(
                                "SendMessage",
                                "ReceiveMessage",
                                "DeleteMessage",
                                "ChangeMessageVisibility",
                                "GetQueueAttributes",
                                "GetQueueUrl",
                                "PurgeQueue",
                                "ListDeadLetterSourceQueues"))),
                "OverLimit",
                403,
                "8 Actions were found, maximum allowed is 7.");
        assertError(
                error(() -> sqs.setQueueAttributes(url, Map.of("FifoQueue", "false"))),
                "InvalidAttributeName",
                400,
                "Unknown Attribute FifoQueue.");
        sqs.addPermission(url, "label", List.of("111111111111"), List.of("*"));
        assertThat(sqs.getQueueAttributes(url, List.of("Policy"))
                        .getAttributes()
                        .get("Policy"))
                .contains("\"Action\":\"SQS:*\"");
    }
}
