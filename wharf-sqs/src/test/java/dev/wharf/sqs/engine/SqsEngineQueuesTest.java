package dev.wharf.sqs.engine;

import static dev.wharf.sqs.engine.EngineAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.sqs.api.AddPermissionRequest;
import dev.wharf.sqs.api.CreateQueueRequest;
import dev.wharf.sqs.api.DeleteQueueRequest;
import dev.wharf.sqs.api.GetQueueAttributesRequest;
import dev.wharf.sqs.api.ListQueueTagsRequest;
import dev.wharf.sqs.api.ReceiveMessageRequest;
import dev.wharf.sqs.api.SendMessageRequest;
import dev.wharf.sqs.api.SetQueueAttributesRequest;
import dev.wharf.sqs.api.SqsContext;
import dev.wharf.sqs.api.SqsError;
import dev.wharf.sqs.api.TagQueueRequest;
import dev.wharf.sqs.api.UntagQueueRequest;
import dev.wharf.storage.MemoryStorageEngine;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Queue-level rules: how a queue is named in requests, its attributes, tags and permissions. */
class SqsEngineQueuesTest {

    private static final SqsContext CONTEXT = new SqsContext("000000000000", "http://localhost:4566");
    private static final SqsContext OTHER_ACCOUNT = new SqsContext("111111111111", "http://localhost:4566");

    private final MemoryStorageEngine storage = new MemoryStorageEngine();
    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
    private SqsEngine engine;

    @BeforeEach
    void start() {
        engine = new SqsEngine(storage, clock, "us-east-1");
    }

    private String create(String name, Map<String, String> attributes) {
        return engine.createQueue(CONTEXT, new CreateQueueRequest(name, attributes, null))
                .queueUrl();
    }

    @Test
    void aBareQueueNameNamesTheCallersQueueOfThatName() {
        create("orders", Map.of());

        engine.sendMessage(CONTEXT, SendMessageRequest.of("orders", "by name"));
        engine.sendMessage(CONTEXT, SendMessageRequest.of("/orders", "by path"));
        engine.sendMessage(CONTEXT, SendMessageRequest.of("http://elsewhere:1234/orders", "by short URL"));

        assertThat(engine.receiveMessage(CONTEXT, ReceiveMessageRequest.of(" orders ", 10))
                        .messages())
                .extracting(dev.wharf.sqs.api.Message::body)
                .containsExactlyInAnyOrder("by name", "by path", "by short URL");
        assertThat(engine.getQueueAttributes(CONTEXT, new GetQueueAttributesRequest("orders", List.of("QueueArn")))
                        .attributes())
                .containsEntry("QueueArn", "arn:aws:sqs:us-east-1:000000000000:orders");
    }

    @Test
    void aBareQueueNameNeverReachesAnotherAccountsQueue() {
        create("orders", Map.of());

        assertError(
                () -> engine.sendMessage(OTHER_ACCOUNT, SendMessageRequest.of("orders", "x")),
                SqsError.QueueDoesNotExist,
                "The specified queue does not exist.");
        for (String missing :
                List.of("", " ", "/", "nope", "000000000000/", "//orders", "http://h:1/", "http://h//?///", "////")) {
            assertError(
                    () -> engine.sendMessage(CONTEXT, SendMessageRequest.of(missing, "x")),
                    SqsError.QueueDoesNotExist,
                    "The specified queue does not exist.");
        }
    }

    @Test
    void deleteQueueAcceptsABareQueueName() {
        create("short-lived", Map.of());

        engine.deleteQueue(CONTEXT, new DeleteQueueRequest("short-lived"));

        assertThat(engine.queueCount()).isZero();
    }

    private String policy(String url) {
        return engine.getQueueAttributes(CONTEXT, new GetQueueAttributesRequest(url, List.of("Policy")))
                .attributes()
                .getOrDefault("Policy", "");
    }

    private void addPermission(String url, List<String> accounts, List<String> actions) {
        engine.addPermission(CONTEXT, new AddPermissionRequest(url, "grant", accounts, actions));
    }

    @Test
    void addPermissionGrantsTheActionsAnotherAccountMayRun() {
        String url = create("shared", Map.of());
        List<String> grantable = List.of(
                "ChangeMessageVisibility",
                "DeleteMessage",
                "GetQueueAttributes",
                "GetQueueUrl",
                "ListDeadLetterSourceQueues",
                "PurgeQueue",
                "ReceiveMessage");

        addPermission(url, List.of("111111111111"), grantable);
        engine.addPermission(
                CONTEXT, new AddPermissionRequest(url, "all", List.of("111111111111"), List.of("*", "SendMessage")));

        assertThat(policy(url))
                .contains("\"Action\":[\"SQS:ChangeMessageVisibility\",\"SQS:DeleteMessage\"")
                .contains("\"SQS:ReceiveMessage\"]")
                .contains("\"Action\":[\"SQS:*\",\"SQS:SendMessage\"]");
    }

    @Test
    void addPermissionRefusesActionsThatOnlyTheOwnerMayRun() {
        String url = create("shared", Map.of());
        for (String action : List.of(
                "AddPermission",
                "RemovePermission",
                "SetQueueAttributes",
                "CreateQueue",
                "DeleteQueue",
                "ListQueues",
                "ListQueueTags",
                "TagQueue",
                "UntagQueue",
                "StartMessageMoveTask",
                "ListMessageMoveTasks",
                "CancelMessageMoveTask")) {
            assertError(
                    () -> addPermission(url, List.of("111111111111"), List.of("SendMessage", action)),
                    SqsError.InvalidParameterValueException,
                    "Value SQS:" + action + " for parameter ActionName is invalid. Reason: Only the queue owner is"
                            + " allowed to invoke this action.");
        }
        for (String action : List.of("SendMessageBatch", "DeleteMessageBatch", "sendmessage", "Bogus", "")) {
            assertError(
                    () -> addPermission(url, List.of("111111111111"), List.of(action)),
                    SqsError.InvalidParameterValueException,
                    "Value SQS:" + action + " for parameter ActionName is invalid. Reason: Please refer to the"
                            + " appropriate WSDL for a list of valid actions.");
        }
        assertThat(policy(url)).isEmpty();
    }

    @Test
    void addPermissionTakesAtMostSevenActionsAndNeedsActionsAndAccounts() {
        String url = create("shared", Map.of());
        List<String> eight = List.of(
                "ChangeMessageVisibility",
                "DeleteMessage",
                "GetQueueAttributes",
                "GetQueueUrl",
                "ListDeadLetterSourceQueues",
                "PurgeQueue",
                "ReceiveMessage",
                "SendMessage");

        assertError(
                () -> addPermission(url, List.of("111111111111"), eight),
                SqsError.OverLimit,
                "8 Actions were found, maximum allowed is 7.");
        assertError(
                () -> addPermission(url, List.of("111111111111"), List.of()),
                SqsError.MissingRequiredParameterException,
                "The request must contain the parameter Actions.");
        assertError(
                () -> addPermission(url, List.of(), List.of("SendMessage")),
                SqsError.InvalidParameterValueException,
                "Value [] for parameter PrincipalId is invalid. Reason: Unable to verify.");
        assertError(
                () -> addPermission(url, List.of(), List.of()),
                SqsError.MissingRequiredParameterException,
                "The request must contain the parameter Actions.");
        assertError(
                () -> addPermission(url, Collections.singletonList(null), List.of("SendMessage")),
                SqsError.InvalidParameterValueException,
                "Value [null] for parameter PrincipalId is invalid. Reason: Unable to verify.");
        assertThat(policy(url)).isEmpty();
        assertThat(SqsError.OverLimit.httpStatus()).isEqualTo(403);
    }

    private void setAttributes(String url, Map<String, String> attributes) {
        engine.setQueueAttributes(CONTEXT, new SetQueueAttributesRequest(url, attributes));
    }

    @Test
    void aStandardQueueKnowsNoFifoQueueAttribute() {
        String url = create("plain", Map.of());

        for (String value : List.of("true", "false", "")) {
            assertError(
                    () -> setAttributes(url, Map.of("FifoQueue", value)),
                    SqsError.InvalidAttributeName,
                    "Unknown Attribute FifoQueue.");
        }
        assertError(
                () -> create("plain2", Map.of("FifoQueue", "false")),
                SqsError.InvalidAttributeName,
                "Unknown Attribute FifoQueue.");
        assertThat(engine.getQueueAttributes(CONTEXT, new GetQueueAttributesRequest(url, List.of("All")))
                        .attributes())
                .doesNotContainKey("FifoQueue");
    }

    @Test
    void aFifoQueueKeepsItsTypeAndAcceptsBeingToldItIsFifo() {
        String url = create("jobs.fifo", Map.of("FifoQueue", "true"));

        setAttributes(url, Map.of("FifoQueue", "true"));
        assertError(
                () -> setAttributes(url, Map.of("FifoQueue", "false")),
                SqsError.InvalidAttributeValue,
                "Invalid value for the parameter FifoQueue. Reason: Modifying queue type is not supported.");
        assertError(
                () -> setAttributes(url, Map.of("FifoQueue", "maybe")),
                SqsError.InvalidAttributeValue,
                "Invalid value for the parameter FifoQueue.");

        assertThat(engine.getQueueAttributes(CONTEXT, new GetQueueAttributesRequest(url, List.of("FifoQueue")))
                        .attributes())
                .containsEntry("FifoQueue", "true");
    }

    private Map<String, String> tags(String url) {
        return engine.listQueueTags(CONTEXT, new ListQueueTagsRequest(url)).tags();
    }

    @Test
    void tagsAreLimitedToFiftyPerQueueWithAwsText() {
        Map<String, String> fifty = new HashMap<>();
        IntStream.range(0, 50).forEach(i -> fifty.put("k" + i, "v"));
        String url = engine.createQueue(CONTEXT, new CreateQueueRequest("tagged", Map.of(), fifty))
                .queueUrl();

        assertError(
                () -> engine.tagQueue(CONTEXT, new TagQueueRequest(url, Map.of("one-more", "v"))),
                SqsError.InvalidParameterValueException,
                "Too many tags added for queue tagged.");
        engine.tagQueue(CONTEXT, new TagQueueRequest(url, Map.of("k0", "replaced")));
        Map<String, String> fiftyOne = new HashMap<>(fifty);
        fiftyOne.put("k50", "v");
        assertError(
                () -> engine.createQueue(CONTEXT, new CreateQueueRequest("crowded", Map.of(), fiftyOne)),
                SqsError.InvalidParameterValueException,
                "Too many tags added for queue crowded.");

        assertThat(tags(url)).hasSize(50).containsEntry("k0", "replaced");
    }

    @Test
    void untagQueueNeedsAtLeastOneKey() {
        String url = engine.createQueue(CONTEXT, new CreateQueueRequest("tagged", Map.of(), Map.of("a", "1", "b", "2")))
                .queueUrl();

        assertError(
                () -> engine.untagQueue(CONTEXT, new UntagQueueRequest(url, List.of())),
                SqsError.InvalidParameterValueException,
                "Tag keys must be between 1 and 128 characters in length.");
        engine.untagQueue(CONTEXT, new UntagQueueRequest(url, Arrays.asList("a", null, "missing")));

        assertThat(tags(url)).containsExactly(Map.entry("b", "2"));
    }
}
