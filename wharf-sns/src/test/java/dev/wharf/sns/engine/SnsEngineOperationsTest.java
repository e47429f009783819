package dev.wharf.sns.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.common.AwsException;
import dev.wharf.sns.api.AddPermissionRequest;
import dev.wharf.sns.api.ConfirmSubscriptionRequest;
import dev.wharf.sns.api.CreateTopicRequest;
import dev.wharf.sns.api.GetDataProtectionPolicyRequest;
import dev.wharf.sns.api.GetSubscriptionAttributesRequest;
import dev.wharf.sns.api.GetTopicAttributesRequest;
import dev.wharf.sns.api.ListSubscriptionsByTopicRequest;
import dev.wharf.sns.api.ListTagsForResourceRequest;
import dev.wharf.sns.api.PublishBatchRequest;
import dev.wharf.sns.api.PublishBatchRequestEntry;
import dev.wharf.sns.api.PublishBatchResponse;
import dev.wharf.sns.api.PublishRequest;
import dev.wharf.sns.api.PublishResponse;
import dev.wharf.sns.api.PutDataProtectionPolicyRequest;
import dev.wharf.sns.api.RemovePermissionRequest;
import dev.wharf.sns.api.SetSubscriptionAttributesRequest;
import dev.wharf.sns.api.SnsContext;
import dev.wharf.sns.api.SnsError;
import dev.wharf.sns.api.SubscribeRequest;
import dev.wharf.sns.api.Tag;
import dev.wharf.sns.api.TagResourceRequest;
import dev.wharf.sns.api.UnsubscribeRequest;
import dev.wharf.sns.api.UntagResourceRequest;
import dev.wharf.sns.engine.message.SigningKeys;
import dev.wharf.sqs.api.CreateQueueRequest;
import dev.wharf.sqs.api.Message;
import dev.wharf.sqs.api.ReceiveMessageRequest;
import dev.wharf.sqs.api.SqsContext;
import dev.wharf.sqs.engine.SqsEngine;
import dev.wharf.storage.MemoryStorageEngine;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The rest of SNS's operations on the engine: permissions, batches, FIFO, confirmation, attributes and tags. */
class SnsEngineOperationsTest {

    private static final String ACCOUNT = "000000000000";
    private static final SnsContext CONTEXT = new SnsContext(ACCOUNT, "http://localhost:4566");
    private static final SnsContext ANONYMOUS = new SnsContext("", "http://localhost:4566");
    private static final SqsContext QUEUES = new SqsContext(ACCOUNT, "http://localhost:4566");

    private final Clock clock = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);
    private final MemoryStorageEngine storage = new MemoryStorageEngine();
    private final SqsEngine sqs = new SqsEngine(storage.queues(), clock, "us-east-1");
    private final SnsEngine sns = new SnsEngine(
            storage.topics(),
            storage.deliveries(),
            storage.archive(),
            sqs,
            SigningKeys.ephemeral(clock),
            clock,
            "us-east-1",
            new SnsDeliveryConfig(new FakeEndpoints(clock), Map.of()),
            DeliveryLanes.Limits.DEFAULT,
            Runnable::run,
            false);

    @AfterEach
    void close() {
        sns.close();
    }

    private String topic(String name, Map<String, String> attributes) {
        return Objects.requireNonNull(sns.createTopic(CONTEXT, new CreateTopicRequest(name, attributes, null, null))
                .topicArn());
    }

    private String queue(String name) {
        sqs.createQueue(
                QUEUES,
                new CreateQueueRequest(name, name.endsWith(".fifo") ? Map.of("FifoQueue", "true") : null, null));
        return "arn:aws:sqs:us-east-1:" + ACCOUNT + ":" + name;
    }

    private List<String> bodies(String queue) {
        List<String> out = new ArrayList<>();
        for (Message message : sqs.receiveMessage(
                        QUEUES, ReceiveMessageRequest.of("http://localhost:4566/" + ACCOUNT + "/" + queue, 10))
                .messages()) {
            out.add(message.body());
        }
        return out;
    }

    private static void assertError(Runnable call, SnsError error, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(AwsException.class, e -> {
            assertThat(e.code()).isEqualTo(error);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    private Map<String, String> topicAttributes(String arn) {
        return Objects.requireNonNull(sns.getTopicAttributes(CONTEXT, new GetTopicAttributesRequest(arn))
                .attributes());
    }

    @Test
    void addPermissionWritesAStatementPerLabelAndRemovePermissionTakesItOut() {
        String arn = topic("perm", Map.of());
        sns.addPermission(
                CONTEXT, new AddPermissionRequest(arn, "let-them", List.of("111111111111"), List.of("Publish")));

        String policy = topicAttributes(arn).get("Policy");
        assertThat(policy)
                .contains("\"Sid\":\"let-them\"")
                .contains("arn:aws:iam::111111111111:root")
                .contains("\"SNS:Publish\"")
                .contains("__default_statement_ID");
        assertError(
                () -> sns.addPermission(
                        CONTEXT,
                        new AddPermissionRequest(arn, "let-them", List.of("111111111111"), List.of("Publish"))),
                SnsError.InvalidParameter,
                "Invalid parameter: Statement already exists");
        assertError(
                () -> sns.addPermission(
                        CONTEXT, new AddPermissionRequest(arn, "x", List.of("111111111111"), List.of("Fly"))),
                SnsError.InvalidParameter,
                "Invalid parameter: Policy statement action out of service scope!");
        assertError(
                () -> sns.addPermission(
                        CONTEXT, new AddPermissionRequest(arn, "x", List.of("abc"), List.of("Publish"))),
                SnsError.InvalidParameter,
                "Invalid parameter: AWSAccountId");

        sns.removePermission(CONTEXT, new RemovePermissionRequest(arn, "let-them"));
        assertThat(topicAttributes(arn).get("Policy")).doesNotContain("let-them");
    }

    @Test
    void publishBatchChecksTheBatchThenEachEntry() {
        String arn = topic("batch", Map.of());
        String queue = queue("batch-q");
        sns.subscribe(CONTEXT, new SubscribeRequest(arn, "sqs", queue, Map.of("RawMessageDelivery", "true"), null));

        PublishBatchResponse response = sns.publishBatch(
                CONTEXT, new PublishBatchRequest(arn, List.of(entry("a", "one"), entry("b", ""), entry("c", "three"))));
        assertThat(Objects.requireNonNull(response.successful()))
                .extracting(e -> e.id())
                .containsExactly("a", "c");
        assertThat(Objects.requireNonNull(response.failed())).singleElement().satisfies(failure -> {
            assertThat(failure.code()).isEqualTo("InvalidParameter");
            assertThat(failure.senderFault()).isTrue();
        });
        assertThat(bodies("batch-q")).containsExactlyInAnyOrder("one", "three");

        assertError(
                () -> sns.publishBatch(CONTEXT, new PublishBatchRequest(arn, List.of())),
                SnsError.EmptyBatchRequest,
                "The batch request doesn't contain any entries.");
        List<PublishBatchRequestEntry> eleven = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            eleven.add(entry("e" + i, "m"));
        }
        assertError(
                () -> sns.publishBatch(CONTEXT, new PublishBatchRequest(arn, eleven)),
                SnsError.TooManyEntriesInBatchRequest,
                "The batch request contains more entries than permissible.");
        assertError(
                () -> sns.publishBatch(
                        CONTEXT, new PublishBatchRequest(arn, List.of(entry("a", "1"), entry("a", "2")))),
                SnsError.BatchEntryIdsNotDistinct,
                "Two or more batch entries in the request have the same Id.");
        assertError(
                () -> sns.publishBatch(CONTEXT, new PublishBatchRequest(arn, List.of(entry("bad id!", "1")))),
                SnsError.InvalidBatchEntryId,
                "The Id of a batch entry in a batch request doesn't abide by the specification.");
        assertError(
                () -> sns.publishBatch(
                        CONTEXT,
                        new PublishBatchRequest(
                                arn, List.of(entry("a", "x".repeat(200_000)), entry("b", "x".repeat(100_000))))),
                SnsError.BatchRequestTooLong,
                "The length of all the messages put together is more than the limit.");
    }

    private static PublishBatchRequestEntry entry(String id, String message) {
        return new PublishBatchRequestEntry(id, message, null, null, null, null, null);
    }

    @Test
    void aFifoTopicNumbersItsMessagesAndAnswersADuplicateWithTheFirstOnesId() {
        String arn = topic("f.fifo", Map.of("FifoTopic", "true", "ContentBasedDeduplication", "true"));
        String queue = queue("f-q.fifo");
        sns.subscribe(CONTEXT, new SubscribeRequest(arn, "sqs", queue, Map.of("RawMessageDelivery", "true"), null));

        PublishResponse first = publishFifo(arn, "same", "g");
        PublishResponse second = publishFifo(arn, "other", "g");
        PublishResponse duplicate = publishFifo(arn, "same", "g");

        assertThat(first.sequenceNumber()).isEqualTo("00000000000000000001");
        assertThat(second.sequenceNumber()).isEqualTo("00000000000000000002");
        assertThat(duplicate.messageId()).isEqualTo(first.messageId());
        assertThat(bodies("f-q.fifo")).as("in order, the duplicate not again").containsExactly("same", "other");
        assertError(
                () -> sns.publish(CONTEXT, new PublishRequest(arn, null, null, "x", null, null, null, "d", null)),
                SnsError.InvalidParameter,
                "Invalid parameter: The MessageGroupId parameter is required for FIFO topics");
        String standard = topic("std", Map.of());
        assertError(
                () -> sns.publish(CONTEXT, new PublishRequest(standard, null, null, "x", null, null, null, "d", null)),
                SnsError.InvalidParameter,
                "Invalid parameter: MessageDeduplicationId Reason: The request includes MessageDeduplicationId"
                        + " parameter that is not valid for this topic type");
        assertError(
                () -> sns.subscribe(CONTEXT, new SubscribeRequest(arn, "https", "https://example.com", null, null)),
                SnsError.InvalidParameter,
                "Invalid parameter: Invalid protocol type: https");
    }

    private PublishResponse publishFifo(String arn, String message, String group) {
        return sns.publish(CONTEXT, new PublishRequest(arn, null, null, message, null, null, null, null, group));
    }

    @Test
    void aPendingSubscriptionIsConfirmedByItsTokenAndThenReceives() {
        String arn = topic("confirm", Map.of());
        sns.subscribe(CONTEXT, new SubscribeRequest(arn, "https", "https://example.com/hook", null, true));
        Topic topic = Objects.requireNonNull(sns.topicForTest(arn));
        Subscription pending = topic.subscriptions.getFirst();
        assertThat(pending.confirmed()).isFalse();
        assertThat(topicAttributes(arn)).containsEntry("SubscriptionsPending", "1");

        assertError(
                () -> sns.confirmSubscription(ANONYMOUS, new ConfirmSubscriptionRequest(arn, "wrong", null)),
                SnsError.InvalidParameter,
                "Invalid token");
        String confirmed = Objects.requireNonNull(
                sns.confirmSubscription(ANONYMOUS, new ConfirmSubscriptionRequest(arn, pending.token(), "true"))
                        .subscriptionArn());

        assertThat(confirmed).isEqualTo(pending.arn());
        assertThat(topicAttributes(arn))
                .containsEntry("SubscriptionsPending", "0")
                .containsEntry("SubscriptionsConfirmed", "1");
        assertThat(Objects.requireNonNull(
                        sns.getSubscriptionAttributes(CONTEXT, new GetSubscriptionAttributesRequest(confirmed))
                                .attributes()))
                .containsEntry("PendingConfirmation", "false")
                .containsKey("EffectiveDeliveryPolicy");
        sns.unsubscribe(ANONYMOUS, new UnsubscribeRequest(confirmed));
        assertThat(Objects.requireNonNull(
                        sns.listSubscriptionsByTopic(CONTEXT, new ListSubscriptionsByTopicRequest(arn, null))
                                .subscriptions()))
                .isEmpty();
        assertThat(topicAttributes(arn)).containsEntry("SubscriptionsDeleted", "1");
    }

    @Test
    void subscriptionAttributesAreCheckedAsAwsChecksThem() {
        String arn = topic("attrs", Map.of());
        String queue = queue("attrs-q");
        String subscription =
                Objects.requireNonNull(sns.subscribe(CONTEXT, new SubscribeRequest(arn, "sqs", queue, null, null))
                        .subscriptionArn());

        assertError(
                () -> set(subscription, "Color", "blue"),
                SnsError.InvalidParameter,
                "Invalid parameter: AttributeName");
        assertError(
                () -> set(subscription, "RawMessageDelivery", "maybe"),
                SnsError.InvalidParameter,
                "Invalid parameter: RawMessageDelivery");
        assertThatThrownBy(() -> set(subscription, "FilterPolicy", "{\"a\":\"b\"}"))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.getMessage())
                        .startsWith("Invalid parameter: FilterPolicy: "));
        assertThatThrownBy(() -> set(subscription, "RedrivePolicy", "{\"deadLetterTargetArn\":\"nope\"}"))
                .isInstanceOfSatisfying(
                        AwsException.class, e -> assertThat(e.code()).isEqualTo(SnsError.InvalidParameter));

        set(subscription, "FilterPolicy", "{\"a\":[\"b\"]}");
        assertThat(Objects.requireNonNull(
                        sns.getSubscriptionAttributes(CONTEXT, new GetSubscriptionAttributesRequest(subscription))
                                .attributes()))
                .containsEntry("FilterPolicy", "{\"a\":[\"b\"]}")
                .containsEntry("FilterPolicyScope", "MessageAttributes");
        set(subscription, "FilterPolicy", "");
        assertThat(Objects.requireNonNull(
                        sns.getSubscriptionAttributes(CONTEXT, new GetSubscriptionAttributesRequest(subscription))
                                .attributes()))
                .doesNotContainKey("FilterPolicy");
        assertError(
                () -> set(arn + ":00000000-0000-0000-0000-000000000000", "RawMessageDelivery", "true"),
                SnsError.NotFound,
                "Subscription does not exist");
        assertError(
                () -> set("nonsense", "RawMessageDelivery", "true"),
                SnsError.InvalidParameter,
                "Invalid parameter: SubscriptionArn Reason: An ARN must have at least 6 elements, not 1");
    }

    private void set(String subscription, String name, String value) {
        sns.setSubscriptionAttributes(CONTEXT, new SetSubscriptionAttributesRequest(subscription, name, value));
    }

    @Test
    void tagsAreAddedReplacedRemovedAndBounded() {
        String arn = topic("tags", Map.of());
        sns.tagResource(CONTEXT, new TagResourceRequest(arn, List.of(new Tag("a", "1"), new Tag("b", "2"))));
        sns.tagResource(CONTEXT, new TagResourceRequest(arn, List.of(new Tag("a", "3"))));
        sns.untagResource(CONTEXT, new UntagResourceRequest(arn, List.of("b")));
        assertThat(Objects.requireNonNull(sns.listTagsForResource(CONTEXT, new ListTagsForResourceRequest(arn))
                        .tags()))
                .containsExactly(new Tag("a", "3"));

        List<Tag> many = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            many.add(new Tag("k" + i, "v"));
        }
        assertError(
                () -> sns.tagResource(CONTEXT, new TagResourceRequest(arn, many)),
                SnsError.TagLimitExceeded,
                "Could not complete request: tag quota of per resource exceeded");
        assertError(
                () -> sns.tagResource(CONTEXT, new TagResourceRequest(arn, List.of(new Tag("aws:x", "1")))),
                SnsError.InvalidParameter,
                "Invalid parameter: Tags Reason: Tag keys may not begin with the reserved prefix aws:.");
        assertError(
                () -> sns.tagResource(CONTEXT, new TagResourceRequest(arn + "-none", List.of(new Tag("a", "1")))),
                SnsError.NotFound,
                "Topic does not exist");
    }

    @Test
    void aDataProtectionPolicyIsStoredAndReturned() {
        String arn = topic("dpp", Map.of());
        String policy = "{\"Name\":\"p\",\"Version\":\"2021-06-01\",\"Statement\":[]}";
        sns.putDataProtectionPolicy(CONTEXT, new PutDataProtectionPolicyRequest(arn, policy));

        assertThat(sns.getDataProtectionPolicy(CONTEXT, new GetDataProtectionPolicyRequest(arn))
                        .dataProtectionPolicy())
                .isEqualTo(policy);
        assertThatThrownBy(() -> sns.putDataProtectionPolicy(CONTEXT, new PutDataProtectionPolicyRequest(arn, "[1]")))
                .isInstanceOfSatisfying(
                        AwsException.class, e -> assertThat(e.code()).isEqualTo(SnsError.InvalidParameter));
    }
}
