package dev.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.testing.WharfHandle;
import dev.wharf.testing.WharfTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.InvalidAttributeNameException;
import software.amazon.awssdk.services.sqs.model.ListQueuesResponse;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDeletedRecentlyException;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.QueueNameExistsException;

/** Queue management through the AWS SDK for Java v2, which speaks SQS's AWS JSON 1.0 protocol. */
@WharfTest
class SqsQueueManagementIT {

    private static SqsClient sqs;
    private static String endpoint;

    @BeforeAll
    static void connect(WharfHandle wharf) {
        sqs = wharf.sqs();
        endpoint = wharf.endpoint().toString();
    }

    @AfterAll
    static void disconnect() {
        sqs.close();
    }

    private static void assertError(Throwable thrown, String code, int status, String message) {
        assertThat(thrown).isInstanceOf(AwsServiceException.class);
        AwsServiceException e = (AwsServiceException) thrown;
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
        assertThat(e.statusCode()).isEqualTo(status);
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        assertThat(e.requestId()).isNotBlank();
    }

    @Test
    void createQueueReturnsUrlNamingAccountAndQueue() {
        String url = sqs.createQueue(b -> b.queueName("orders")).queueUrl();
        assertThat(url).isEqualTo(endpoint + "/000000000000/orders");
        assertThat(sqs.getQueueUrl(b -> b.queueName("orders")).queueUrl()).isEqualTo(url);
    }

    @Test
    void createQueueIsIdempotentWithSameAttributesAndRejectsDifferentOnes() {
        sqs.createQueue(b -> b.queueName("idem").attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "45")));
        String again = sqs.createQueue(
                        b -> b.queueName("idem").attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "45")))
                .queueUrl();
        assertThat(again).endsWith("/idem");
        Throwable thrown = catchThrowable(() -> sqs.createQueue(
                b -> b.queueName("idem").attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "46"))));
        assertThat(thrown).isInstanceOf(QueueNameExistsException.class);
        assertError(
                thrown,
                "QueueAlreadyExists",
                400,
                "A queue already exists with the same name and a different value for attribute VisibilityTimeout");
    }

    @Test
    void createQueueRejectsInvalidNames() {
        for (String name : List.of("has space", "dot.name", "x".repeat(81), "no.fifo.suffix")) {
            assertError(
                    catchThrowable(() -> sqs.createQueue(b -> b.queueName(name))),
                    "InvalidParameterValue",
                    400,
                    "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length");
        }
    }

    @Test
    void fifoQueueNeedsFifoSuffixAndFifoOnlyAttributesNeedFifoQueue() {
        String url = sqs.createQueue(
                        b -> b.queueName("jobs.fifo").attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true")))
                .queueUrl();
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(
                        b -> b.queueUrl(url).attributeNames(QueueAttributeName.ALL))
                .attributes();
        assertThat(attributes)
                .containsEntry(QueueAttributeName.FIFO_QUEUE, "true")
                .containsEntry(QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "false")
                .containsEntry(QueueAttributeName.DEDUPLICATION_SCOPE, "queue")
                .containsEntry(QueueAttributeName.FIFO_THROUGHPUT_LIMIT, "perQueue");
        assertError(
                catchThrowable(() -> sqs.createQueue(
                        b -> b.queueName("plain").attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true")))),
                "InvalidParameterValue",
                400,
                "The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, "
                        + "must end with .fifo suffix and be 1 to 80 in length.");
        Throwable thrown = catchThrowable(() -> sqs.createQueue(
                b -> b.queueName("plain2").attributes(Map.of(QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "true"))));
        assertThat(thrown).isInstanceOf(InvalidAttributeNameException.class);
        assertError(thrown, "InvalidAttributeName", 400, "Unknown Attribute ContentBasedDeduplication.");
    }

    @Test
    void getQueueAttributesReportsTodaysDefaults() {
        String url = sqs.createQueue(b -> b.queueName("defaults")).queueUrl();
        Map<String, String> attributes = sqs.getQueueAttributes(
                        b -> b.queueUrl(url).attributeNamesWithStrings("All"))
                .attributesAsStrings();
        assertThat(attributes)
                .containsEntry("DelaySeconds", "0")
                .containsEntry("MaximumMessageSize", "1048576")
                .containsEntry("MessageRetentionPeriod", "345600")
                .containsEntry("ReceiveMessageWaitTimeSeconds", "0")
                .containsEntry("VisibilityTimeout", "30")
                .containsEntry("SqsManagedSseEnabled", "true")
                .containsEntry("ApproximateNumberOfMessages", "0")
                .containsEntry("QueueArn", "arn:aws:sqs:us-east-1:000000000000:defaults")
                .containsKeys("CreatedTimestamp", "LastModifiedTimestamp")
                .doesNotContainKeys("Policy", "RedrivePolicy", "FifoQueue", "KmsMasterKeyId");
    }

    @Test
    void setQueueAttributesChecksEveryRange() {
        String url = sqs.createQueue(b -> b.queueName("ranges")).queueUrl();
        Map<String, String> tooLarge = Map.of(
                "DelaySeconds", "901",
                "MaximumMessageSize", "1048577",
                "MessageRetentionPeriod", "59",
                "ReceiveMessageWaitTimeSeconds", "21",
                "VisibilityTimeout", "43201",
                "KmsDataKeyReusePeriodSeconds", "86401");
        tooLarge.forEach((name, value) -> assertError(
                catchThrowable(
                        () -> sqs.setQueueAttributes(b -> b.queueUrl(url).attributesWithStrings(Map.of(name, value)))),
                "InvalidAttributeValue",
                400,
                "Invalid value for the parameter " + name + "."));
        sqs.setQueueAttributes(b -> b.queueUrl(url).attributesWithStrings(Map.of("DelaySeconds", "900")));
        assertThat(sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNamesWithStrings("DelaySeconds"))
                        .attributesAsStrings())
                .containsExactly(Map.entry("DelaySeconds", "900"));
        assertError(
                catchThrowable(
                        () -> sqs.setQueueAttributes(b -> b.queueUrl(url).attributesWithStrings(Map.of("Bogus", "1")))),
                "InvalidAttributeName",
                400,
                "Unknown Attribute Bogus.");
    }

    @Test
    void listQueuesFiltersByPrefixAndPages() {
        for (int i = 0; i < 5; i++) {
            int n = i;
            sqs.createQueue(b -> b.queueName("page-" + n));
        }
        assertThat(sqs.listQueues(b -> b.queueNamePrefix("page-")).queueUrls()).hasSize(5);
        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String current = token;
            ListQueuesResponse page =
                    sqs.listQueues(b -> b.queueNamePrefix("page-").maxResults(2).nextToken(current));
            seen.addAll(page.queueUrls());
            token = page.nextToken();
            pages++;
        } while (token != null && pages < 10);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(5).doesNotHaveDuplicates();
        assertError(
                catchThrowable(() -> sqs.listQueues(b -> b.maxResults(1001))),
                "InvalidParameterValue",
                400,
                "Value for parameter MaxResults is invalid. Reason: MaxResults must be an integer between 1 and 1000.");
    }

    @Test
    void deletedQueueIsGoneAndItsNameWaitsSixtySeconds() {
        String url = sqs.createQueue(b -> b.queueName("short-lived")).queueUrl();
        sqs.deleteQueue(b -> b.queueUrl(url));
        Throwable missing = catchThrowable(() -> sqs.getQueueUrl(b -> b.queueName("short-lived")));
        assertThat(missing).isInstanceOf(QueueDoesNotExistException.class);
        assertError(missing, "AWS.SimpleQueueService.NonExistentQueue", 400, "The specified queue does not exist.");
        Throwable recent = catchThrowable(() -> sqs.createQueue(b -> b.queueName("short-lived")));
        assertThat(recent).isInstanceOf(QueueDeletedRecentlyException.class);
        assertError(
                recent,
                "AWS.SimpleQueueService.QueueDeletedRecently",
                400,
                "You must wait 60 seconds after deleting a queue before you can create another with the same name.");
    }

    @Test
    void tagsAreAddedListedAndRemoved() {
        String url = sqs.createQueue(b -> b.queueName("tagged").tags(Map.of("team", "a")))
                .queueUrl();
        sqs.tagQueue(b -> b.queueUrl(url).tags(Map.of("env", "ci")));
        assertThat(sqs.listQueueTags(b -> b.queueUrl(url)).tags()).isEqualTo(Map.of("team", "a", "env", "ci"));
        sqs.untagQueue(b -> b.queueUrl(url).tagKeys("team"));
        assertThat(sqs.listQueueTags(b -> b.queueUrl(url)).tags()).isEqualTo(Map.of("env", "ci"));
    }

    @Test
    void missingRequiredParameterIsNamed() {
        assertError(
                catchThrowable(() -> sqs.getQueueUrl(b -> b.queueName(null))),
                "MissingParameter",
                400,
                "The request must contain the parameter QueueName.");
    }

    @Test
    void unknownQueueUrlIsNonExistentQueue() {
        assertThatThrownBy(() -> sqs.getQueueAttributes(
                        b -> b.queueUrl(endpoint + "/000000000000/nope").attributeNamesWithStrings("All")))
                .isInstanceOf(QueueDoesNotExistException.class);
    }

    @Test
    void aBareQueueNameNamesTheCallersQueue() {
        sqs.createQueue(b -> b.queueName("bare"));

        sqs.sendMessage(b -> b.queueUrl("bare").messageBody("by name"));

        assertThat(sqs.receiveMessage(b -> b.queueUrl("bare").waitTimeSeconds(1))
                        .messages())
                .singleElement()
                .satisfies(message -> assertThat(message.body()).isEqualTo("by name"));
        assertThat(sqs.getQueueAttributes(b -> b.queueUrl("bare").attributeNamesWithStrings("QueueArn"))
                        .attributesAsStrings())
                .containsEntry("QueueArn", "arn:aws:sqs:us-east-1:000000000000:bare");
        assertError(
                catchThrowable(
                        () -> sqs.sendMessage(b -> b.queueUrl("bare-nope").messageBody("x"))),
                "AWS.SimpleQueueService.NonExistentQueue",
                400,
                "The specified queue does not exist.");
    }

    @Test
    void fifoQueueIsNoAttributeOfAStandardQueueAndNoFifoQueueChangesType() {
        String plain = sqs.createQueue(b -> b.queueName("type-plain")).queueUrl();
        String fifo = sqs.createQueue(b -> b.queueName("type.fifo").attributesWithStrings(Map.of("FifoQueue", "true")))
                .queueUrl();

        Throwable unknown = catchThrowable(() ->
                sqs.setQueueAttributes(b -> b.queueUrl(plain).attributesWithStrings(Map.of("FifoQueue", "true"))));
        assertThat(unknown).isInstanceOf(InvalidAttributeNameException.class);
        assertError(unknown, "InvalidAttributeName", 400, "Unknown Attribute FifoQueue.");
        sqs.setQueueAttributes(b -> b.queueUrl(fifo).attributesWithStrings(Map.of("FifoQueue", "true")));
        assertError(
                catchThrowable(() -> sqs.setQueueAttributes(
                        b -> b.queueUrl(fifo).attributesWithStrings(Map.of("FifoQueue", "false")))),
                "InvalidAttributeValue",
                400,
                "Invalid value for the parameter FifoQueue. Reason: Modifying queue type is not supported.");
    }

    @Test
    void addPermissionGrantsOnlyWhatAnotherAccountMayRun() {
        String url = sqs.createQueue(b -> b.queueName("permissions")).queueUrl();

        assertError(
                catchThrowable(() -> sqs.addPermission(b ->
                        b.queueUrl(url).label("l").awsAccountIds("111111111111").actions("SetQueueAttributes"))),
                "InvalidParameterValue",
                400,
                "Value SQS:SetQueueAttributes for parameter ActionName is invalid. Reason: Only the queue owner is"
                        + " allowed to invoke this action.");
        assertError(
                catchThrowable(() -> sqs.addPermission(b ->
                        b.queueUrl(url).label("l").awsAccountIds("111111111111").actions("SendMessageBatch"))),
                "InvalidParameterValue",
                400,
                "Value SQS:SendMessageBatch for parameter ActionName is invalid. Reason: Please refer to the"
                        + " appropriate WSDL for a list of valid actions.");
        assertError(
                catchThrowable(() -> sqs.addPermission(b -> b.queueUrl(url)
                        .label("l")
                        .awsAccountIds("111111111111")
                        .actions("*", "*", "*", "*", "*", "*", "*", "*"))),
                "OverLimit",
                403,
                "8 Actions were found, maximum allowed is 7.");
        assertError(
                catchThrowable(() -> sqs.addPermission(
                        b -> b.queueUrl(url).label("l").awsAccountIds(List.of()).actions("SendMessage"))),
                "InvalidParameterValue",
                400,
                "Value [] for parameter PrincipalId is invalid. Reason: Unable to verify.");
        assertError(
                catchThrowable(() -> sqs.addPermission(b ->
                        b.queueUrl(url).label("l").awsAccountIds("111111111111").actions(List.of()))),
                "MissingParameter",
                400,
                "The request must contain the parameter Actions.");
        sqs.addPermission(
                b -> b.queueUrl(url).label("l").awsAccountIds("111111111111").actions("SendMessage"));
    }

    @Test
    void tagLimitsAnswerWithAwsTexts() {
        String url = sqs.createQueue(b -> b.queueName("tag-limits")).queueUrl();
        Map<String, String> fiftyOne = new java.util.HashMap<>();
        for (int i = 0; i <= 50; i++) {
            fiftyOne.put("k" + i, "v");
        }

        assertError(
                catchThrowable(() -> sqs.tagQueue(b -> b.queueUrl(url).tags(fiftyOne))),
                "InvalidParameterValue",
                400,
                "Too many tags added for queue tag-limits.");
        assertError(
                catchThrowable(() -> sqs.untagQueue(b -> b.queueUrl(url).tagKeys(List.of()))),
                "InvalidParameterValue",
                400,
                "Tag keys must be between 1 and 128 characters in length.");
        assertThat(sqs.listQueueTags(b -> b.queueUrl(url)).tags()).isEmpty();
    }

    private static Throwable catchThrowable(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            return e;
        }
        throw new AssertionError("expected an error");
    }
}
