package dev.wharf.sqs.engine;

import static dev.wharf.sqs.engine.EngineAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.common.AwsException;
import dev.wharf.sqs.api.AddPermissionRequest;
import dev.wharf.sqs.api.CreateQueueRequest;
import dev.wharf.sqs.api.DeleteMessageRequest;
import dev.wharf.sqs.api.GetQueueAttributesRequest;
import dev.wharf.sqs.api.ListDeadLetterSourceQueuesRequest;
import dev.wharf.sqs.api.ListDeadLetterSourceQueuesResult;
import dev.wharf.sqs.api.Message;
import dev.wharf.sqs.api.MessageAttributeValue;
import dev.wharf.sqs.api.ReceiveMessageRequest;
import dev.wharf.sqs.api.RemovePermissionRequest;
import dev.wharf.sqs.api.SendMessageRequest;
import dev.wharf.sqs.api.SendMessageResult;
import dev.wharf.sqs.api.SetQueueAttributesRequest;
import dev.wharf.sqs.api.SqsContext;
import dev.wharf.sqs.api.SqsError;
import dev.wharf.storage.MemoryStorageEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SqsEngineDeadLetterTest {

    private static final SqsContext CONTEXT = new SqsContext("000000000000", "http://localhost:4566");
    private static final String ARN = "arn:aws:sqs:us-east-1:000000000000:";

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

    private static String redrive(String dlq, int maxReceiveCount) {
        return "{\"deadLetterTargetArn\":\"" + ARN + dlq + "\",\"maxReceiveCount\":" + maxReceiveCount + "}";
    }

    private List<Message> receive(String url, int max) {
        return engine.receiveMessage(CONTEXT, ReceiveMessageRequest.of(url, max))
                .messages();
    }

    private void advance(int seconds) {
        clock.advance(Duration.ofSeconds(seconds));
        engine.tick();
    }

    @Test
    void aMessageReceivedMoreThanMaxReceiveCountMovesToTheDeadLetterQueue() {
        String dlq = create("dlq", Map.of());
        String source = create("source", Map.of("RedrivePolicy", redrive("dlq", 2)));
        SendMessageResult sent = engine.sendMessage(
                CONTEXT,
                new SendMessageRequest(
                        source,
                        "body",
                        null,
                        Map.of("k", MessageAttributeValue.ofString("String", "v")),
                        null,
                        null,
                        null));
        long sentAt = clock.millis();
        receive(source, 1);
        advance(30);
        receive(source, 1);
        advance(30);

        assertThat(receive(source, 10)).isEmpty();

        List<Message> dead = receive(dlq, 10);
        assertThat(dead).hasSize(1);
        Message message = dead.getFirst();
        assertThat(message.messageId()).isEqualTo(sent.messageId());
        assertThat(message.body()).isEqualTo("body");
        assertThat(message.messageAttributes()).containsKey("k");
        assertThat(message.attributes())
                .containsEntry("SentTimestamp", Long.toString(sentAt))
                .containsEntry("ApproximateReceiveCount", "3")
                .containsEntry("DeadLetterQueueSourceArn", ARN + "source");
    }

    @Test
    void aFifoDeadLetterQueueKeepsTheGroupOrder() {
        String dlq = create("dlq.fifo", Map.of("FifoQueue", "true"));
        String source = create("source.fifo", Map.of("FifoQueue", "true", "RedrivePolicy", redrive("dlq.fifo", 1)));
        for (int i = 0; i < 3; i++) {
            engine.sendMessage(CONTEXT, new SendMessageRequest(source, "m" + i, null, null, null, "d" + i, "g"));
        }
        assertThat(receive(source, 10)).hasSize(3);
        advance(30);
        assertThat(receive(source, 10)).isEmpty();

        List<Message> dead = receive(dlq, 10);
        assertThat(dead).extracting(Message::body).containsExactly("m0", "m1", "m2");
        assertThat(dead.getFirst().attributes())
                .containsEntry("MessageGroupId", "g")
                .containsEntry("DeadLetterQueueSourceArn", ARN + "source.fifo");

        engine = new SqsEngine(storage, clock, "us-east-1");
        advance(30);
        assertThat(receive(dlq, 10)).extracting(Message::body).containsExactly("m0", "m1", "m2");
    }

    @Test
    void aDeadLetterQueueWithALowerIdIsLockedInOrder() {
        // The dead-letter queue is created first, so it has the lower id and its lock is taken by tryLock.
        String dlq = create("a-dlq", Map.of());
        String source = create("b-source", Map.of("RedrivePolicy", redrive("a-dlq", 1)));
        engine.sendMessage(CONTEXT, SendMessageRequest.of(source, "x"));
        Message first = receive(source, 1).getFirst();
        advance(30);
        assertThat(receive(source, 1)).isEmpty();
        engine.deleteMessage(CONTEXT, new DeleteMessageRequest(source, first.receiptHandle()));
        assertThat(receive(dlq, 1)).extracting(Message::body).containsExactly("x");
    }

    @Test
    void redriveAllowPolicyDecidesWhichSourcesMayUseTheDeadLetterQueue() {
        create("deny", Map.of("RedriveAllowPolicy", "{\"redrivePermission\":\"denyAll\"}"));
        create(
                "only-a",
                Map.of(
                        "RedriveAllowPolicy",
                        "{\"redrivePermission\":\"byQueue\",\"sourceQueueArns\":[\"" + ARN + "a\"]}"));
        assertError(
                () -> create("b", Map.of("RedrivePolicy", redrive("deny", 3))),
                SqsError.InvalidParameterValueException,
                "Value " + redrive("deny", 3) + " for parameter RedrivePolicy is invalid. Reason: Queue " + ARN
                        + "deny does not allow this queue to use it as a dead-letter queue.");
        assertThatThrownBy(() -> create("b", Map.of("RedrivePolicy", redrive("only-a", 3))))
                .isInstanceOf(AwsException.class);
        create("a", Map.of("RedrivePolicy", redrive("only-a", 3)));

        String byQueue = "{\"redrivePermission\":\"byQueue\"}";
        assertError(
                () -> create("c", Map.of("RedriveAllowPolicy", byQueue)),
                SqsError.InvalidParameterValueException,
                "Value " + byQueue + " for parameter RedriveAllowPolicy is invalid. Reason: Amazon SQS can't create"
                        + " the redrive allow policy. When you specify the byQueue permission type, you must also"
                        + " specify one or more sourceQueueArns values.");
        StringBuilder eleven = new StringBuilder("{\"redrivePermission\":\"byQueue\",\"sourceQueueArns\":[");
        for (int i = 0; i < 11; i++) {
            eleven.append(i == 0 ? "" : ",")
                    .append("\"")
                    .append(ARN)
                    .append("q")
                    .append(i)
                    .append("\"");
        }
        String tooMany = eleven.append("]}").toString();
        assertError(
                () -> create("c", Map.of("RedriveAllowPolicy", tooMany)),
                SqsError.InvalidParameterValueException,
                "Value " + tooMany + " for parameter RedriveAllowPolicy is invalid. Reason: Amazon SQS can't create"
                        + " the redrive allow policy. The maximum number of source queue ARNs you can specify is 10.");
    }

    @Test
    void listDeadLetterSourceQueuesPages() {
        String dlq = create("dlq", Map.of());
        for (String name : List.of("s3", "s1", "s2")) {
            create(name, Map.of("RedrivePolicy", redrive("dlq", 5)));
        }
        create("other", Map.of());
        ListDeadLetterSourceQueuesResult all =
                engine.listDeadLetterSourceQueues(CONTEXT, new ListDeadLetterSourceQueuesRequest(dlq, null, null));
        assertThat(all.queueUrls())
                .containsExactly(
                        "http://localhost:4566/000000000000/s1",
                        "http://localhost:4566/000000000000/s2",
                        "http://localhost:4566/000000000000/s3");
        assertThat(all.nextToken()).isNull();

        ListDeadLetterSourceQueuesResult first =
                engine.listDeadLetterSourceQueues(CONTEXT, new ListDeadLetterSourceQueuesRequest(dlq, null, 2));
        assertThat(first.queueUrls()).hasSize(2);
        ListDeadLetterSourceQueuesResult second = engine.listDeadLetterSourceQueues(
                CONTEXT, new ListDeadLetterSourceQueuesRequest(dlq, first.nextToken(), 2));
        assertThat(second.queueUrls()).containsExactly("http://localhost:4566/000000000000/s3");
        assertThat(second.nextToken()).isNull();
        assertError(
                () -> engine.listDeadLetterSourceQueues(CONTEXT, new ListDeadLetterSourceQueuesRequest(dlq, null, 0)),
                SqsError.InvalidParameterValueException,
                "Value for parameter MaxResults is invalid. Reason: MaxResults must be an integer between 1 and"
                        + " 1000.");
    }

    @Test
    void addAndRemovePermissionEditThePolicyAsAwsWritesIt() {
        String url = create("shared", Map.of());
        engine.addPermission(
                CONTEXT, new AddPermissionRequest(url, "one", List.of("111111111111"), List.of("ReceiveMessage")));
        assertThat(policy(url))
                .isEqualTo("{\"Version\":\"2008-10-17\",\"Id\":\"" + ARN + "shared/SQSDefaultPolicy\","
                        + "\"Statement\":[{\"Sid\":\"one\",\"Effect\":\"Allow\","
                        + "\"Principal\":{\"AWS\":\"arn:aws:iam::111111111111:root\"},"
                        + "\"Action\":\"SQS:ReceiveMessage\",\"Resource\":\"" + ARN + "shared\"}]}");
        engine.addPermission(
                CONTEXT,
                new AddPermissionRequest(
                        url, "two", List.of("111111111111", "222222222222"), List.of("SendMessage", "DeleteMessage")));
        assertThat(policy(url))
                .contains("\"Principal\":{\"AWS\":[\"arn:aws:iam::111111111111:root\","
                        + "\"arn:aws:iam::222222222222:root\"]}")
                .contains("\"Action\":[\"SQS:SendMessage\",\"SQS:DeleteMessage\"]");
        assertError(
                () -> engine.addPermission(
                        CONTEXT, new AddPermissionRequest(url, "one", List.of("111111111111"), List.of("*"))),
                SqsError.InvalidParameterValueException,
                "Value one for parameter Label is invalid. Reason: Already exists.");

        engine.removePermission(CONTEXT, new RemovePermissionRequest(url, "one"));
        assertThat(policy(url)).doesNotContain("\"Sid\":\"one\"").contains("\"Sid\":\"two\"");
        engine.removePermission(CONTEXT, new RemovePermissionRequest(url, "two"));
        assertThat(engine.getQueueAttributes(CONTEXT, new GetQueueAttributesRequest(url, List.of("Policy")))
                        .attributes())
                .doesNotContainKey("Policy");
        assertError(
                () -> engine.removePermission(CONTEXT, new RemovePermissionRequest(url, "two")),
                SqsError.InvalidParameterValueException,
                "Value two for parameter Label is invalid. Reason: can't find label.");
    }

    @Test
    void setQueueAttributesCanRemoveTheRedrivePolicy() {
        create("dlq", Map.of());
        String source = create("source", Map.of("RedrivePolicy", redrive("dlq", 1)));
        engine.setQueueAttributes(CONTEXT, new SetQueueAttributesRequest(source, Map.of("RedrivePolicy", "")));
        engine.sendMessage(CONTEXT, SendMessageRequest.of(source, "x"));
        receive(source, 1);
        advance(30);
        assertThat(receive(source, 1)).extracting(Message::body).containsExactly("x");
    }

    private String policy(String url) {
        return java.util.Objects.requireNonNull(
                engine.getQueueAttributes(CONTEXT, new GetQueueAttributesRequest(url, List.of("Policy")))
                        .attributes()
                        .get("Policy"));
    }
}
