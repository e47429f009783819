package dev.wharf.sqs.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.common.AwsException;
import dev.wharf.common.CommonError;
import dev.wharf.sqs.api.CreateQueueRequest;
import dev.wharf.sqs.api.Message;
import dev.wharf.sqs.api.MessageAttributeValue;
import dev.wharf.sqs.api.QueueDelivery;
import dev.wharf.sqs.api.ReceiveMessageRequest;
import dev.wharf.sqs.api.SendMessageResult;
import dev.wharf.sqs.api.SqsContext;
import dev.wharf.sqs.api.SqsError;
import dev.wharf.storage.MemoryStorageEngine;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** SNS's way in: {@link SqsEngine#deliver} sends as SendMessage does, to the queue that an ARN names. */
class SqsEngineDeliveryTest {

    private static final String OWNER = "000000000000";
    private static final String OTHER = "111111111111";
    private static final String TOPIC = "arn:aws:sns:us-east-1:" + OTHER + ":events";
    private static final String SNS_ID = "AIDAIT2UOQQY3AUEKVGXU";

    private final SqsEngine engine = new SqsEngine(
            new MemoryStorageEngine(), new MutableClock(Instant.parse("2025-01-01T00:00:00Z")), "us-east-1");
    private final SqsContext owner = new SqsContext(OWNER, "http://localhost:4566");

    private String create(String name, Map<String, String> attributes) {
        return engine.createQueue(owner, new CreateQueueRequest(name, attributes, null))
                .queueUrl();
    }

    private static QueueDelivery delivery(String queue, String sourceAccount, @Nullable String group) {
        return new QueueDelivery(
                "arn:aws:sqs:us-east-1:" + OWNER + ":" + queue,
                "arn:aws:sns:us-east-1:" + sourceAccount + ":events",
                sourceAccount,
                SNS_ID,
                "hello",
                Map.of("color", MessageAttributeValue.ofString("String", "blue")),
                group,
                group == null ? null : "dedup-1");
    }

    private List<Message> receive(String url) {
        return engine.receiveMessage(owner, ReceiveMessageRequest.of(url, 10)).messages();
    }

    @Test
    void aDeliveryInTheQueuesOwnAccountIsReceivableAtOnceWithItsAttributesAndSender() {
        String url = create("orders", Map.of());

        SendMessageResult sent = engine.deliver(delivery("orders", OWNER, null));

        List<Message> received = receive(url);
        assertThat(received).singleElement().satisfies(message -> {
            assertThat(message.messageId()).isEqualTo(sent.messageId());
            assertThat(message.body()).isEqualTo("hello");
            assertThat(message.attributes()).containsEntry("SenderId", SNS_ID);
            assertThat(message.messageAttributes()).containsKey("color");
        });
        assertThat(sent.md5OfMessageBody()).isEqualTo("5d41402abc4b2a76b9719d911017c592");
    }

    @Test
    void aQueueThatDoesNotExistIsQueueDoesNotExist() {
        assertThatThrownBy(() -> engine.deliver(delivery("missing", OWNER, null)))
                .isInstanceOfSatisfying(
                        AwsException.class, e -> assertThat(e.code()).isEqualTo(SqsError.QueueDoesNotExist));
    }

    @Test
    void anArnThatIsNoQueueArnIsQueueDoesNotExist() {
        QueueDelivery bad = new QueueDelivery("not-an-arn", TOPIC, OTHER, SNS_ID, "x", Map.of(), null, null);

        assertThatThrownBy(() -> engine.deliver(bad))
                .isInstanceOfSatisfying(
                        AwsException.class, e -> assertThat(e.code()).isEqualTo(SqsError.QueueDoesNotExist));
    }

    @Test
    void anotherAccountsTopicIsDeniedWithoutAPolicy() {
        String url = create("orders", Map.of());

        assertThatThrownBy(() -> engine.deliver(delivery("orders", OTHER, null)))
                .isInstanceOfSatisfying(
                        AwsException.class, e -> assertThat(e.code()).isEqualTo(CommonError.ACCESS_DENIED));
        assertThat(receive(url)).isEmpty();
    }

    @Test
    void anotherAccountsTopicIsAllowedByAPolicyForSnsWithItsSourceArn() {
        String url = create("orders", Map.of("Policy", policy("Allow", "{\"Service\":\"sns.amazonaws.com\"}", TOPIC)));

        engine.deliver(delivery("orders", OTHER, null));

        assertThat(receive(url)).hasSize(1);
    }

    @Test
    void aPolicyForAnotherTopicDoesNotAllowThisOne() {
        create("orders", Map.of("Policy", policy("Allow", "\"*\"", TOPIC.replace("events", "other"))));

        assertThatThrownBy(() -> engine.deliver(delivery("orders", OTHER, null)))
                .isInstanceOfSatisfying(
                        AwsException.class, e -> assertThat(e.code()).isEqualTo(CommonError.ACCESS_DENIED));
    }

    @Test
    void aWildcardSourceArnAllowsAndAnExplicitDenyWins() {
        String allowAll = policy("Allow", "{\"AWS\":\"*\"}", "arn:aws:sns:us-east-1:" + OTHER + ":*");
        String url = create("orders", Map.of("Policy", allowAll));
        engine.deliver(delivery("orders", OTHER, null));
        assertThat(receive(url)).hasSize(1);

        String both = "{\"Statement\":[" + statement("Allow", "\"*\"", TOPIC) + ","
                + statement("Deny", "{\"AWS\":\"" + OTHER + "\"}", TOPIC) + "]}";
        String denied = create("denied", Map.of("Policy", both));
        assertThatThrownBy(() -> engine.deliver(delivery("denied", OTHER, null)))
                .isInstanceOfSatisfying(
                        AwsException.class, e -> assertThat(e.code()).isEqualTo(CommonError.ACCESS_DENIED));
        assertThat(receive(denied)).isEmpty();
    }

    @Test
    void aFifoQueueTakesTheGroupAndDeduplicationIdsAndDropsADuplicate() {
        String url = create("orders.fifo", Map.of("FifoQueue", "true"));

        SendMessageResult first = engine.deliver(delivery("orders.fifo", OWNER, "group-1"));
        SendMessageResult again = engine.deliver(delivery("orders.fifo", OWNER, "group-1"));

        assertThat(first.sequenceNumber()).isNotNull();
        assertThat(again.messageId()).isEqualTo(first.messageId());
        assertThat(receive(url)).hasSize(1);
    }

    @Test
    void aFifoQueueRefusesADeliveryWithoutAGroup() {
        create("orders.fifo", Map.of("FifoQueue", "true"));

        assertThatThrownBy(() -> engine.deliver(delivery("orders.fifo", OWNER, null)))
                .isInstanceOf(AwsException.class);
    }

    private static String policy(String effect, String principal, String sourceArn) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[" + statement(effect, principal, sourceArn) + "]}";
    }

    private static String statement(String effect, String principal, String sourceArn) {
        return "{\"Effect\":\"" + effect + "\",\"Principal\":" + principal + ",\"Action\":\"sqs:SendMessage\","
                + "\"Resource\":\"arn:aws:sqs:us-east-1:" + OWNER + ":*\","
                + "\"Condition\":{\"ArnLike\":{\"aws:SourceArn\":\"" + sourceArn + "\"}}}";
    }
}
