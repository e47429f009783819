package dev.wharf.sqs.engine;

import static dev.wharf.sqs.engine.EngineAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.sqs.api.ChangeMessageVisibilityRequest;
import dev.wharf.sqs.api.CreateQueueRequest;
import dev.wharf.sqs.api.DeleteMessageBatchRequest;
import dev.wharf.sqs.api.DeleteMessageBatchRequestEntry;
import dev.wharf.sqs.api.DeleteMessageBatchResult;
import dev.wharf.sqs.api.DeleteMessageRequest;
import dev.wharf.sqs.api.Message;
import dev.wharf.sqs.api.PurgeQueueRequest;
import dev.wharf.sqs.api.ReceiveMessageRequest;
import dev.wharf.sqs.api.SendMessageBatchRequest;
import dev.wharf.sqs.api.SendMessageBatchRequestEntry;
import dev.wharf.sqs.api.SendMessageBatchResult;
import dev.wharf.sqs.api.SendMessageRequest;
import dev.wharf.sqs.api.SendMessageResult;
import dev.wharf.sqs.api.SetQueueAttributesRequest;
import dev.wharf.sqs.api.SqsContext;
import dev.wharf.sqs.api.SqsError;
import dev.wharf.storage.MemoryStorageEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SqsEngineFifoTest {

    private static final SqsContext CONTEXT = new SqsContext("000000000000", "http://localhost:4566");

    private final MemoryStorageEngine storage = new MemoryStorageEngine();
    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
    private SqsEngine engine;
    private String url;

    @BeforeEach
    void createQueue() {
        engine = new SqsEngine(storage, clock, "us-east-1");
        url = create("orders.fifo", Map.of("FifoQueue", "true"));
    }

    private String create(String name, Map<String, String> attributes) {
        return engine.createQueue(CONTEXT, new CreateQueueRequest(name, attributes, null))
                .queueUrl();
    }

    private SendMessageResult send(String body, @Nullable String group, @Nullable String dedup) {
        return engine.sendMessage(CONTEXT, new SendMessageRequest(url, body, null, null, null, dedup, group));
    }

    private SendMessageResult send(String body, String group) {
        return send(body, group, body);
    }

    private List<Message> receive(int max) {
        return receive(max, null);
    }

    private List<Message> receive(int max, @Nullable String attemptId) {
        return engine.receiveMessage(
                        CONTEXT,
                        new ReceiveMessageRequest(url, null, List.of("All"), List.of("All"), max, null, 0, attemptId))
                .messages();
    }

    private void delete(Message message) {
        engine.deleteMessage(CONTEXT, new DeleteMessageRequest(url, message.receiptHandle()));
    }

    private void advance(int seconds) {
        clock.advance(Duration.ofSeconds(seconds));
        engine.tick();
    }

    @Test
    void sendRequiresGroupAndDeduplicationIdsAndRejectsMessageDelays() {
        assertError(
                () -> send("a", null, "d"),
                SqsError.MissingRequiredParameterException,
                "The request must contain the parameter MessageGroupId.");
        assertError(
                () -> send("a", "g", null),
                SqsError.InvalidParameterValueException,
                "The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided"
                        + " explicitly");
        assertError(
                () -> engine.sendMessage(CONTEXT, new SendMessageRequest(url, "a", 2, null, null, "d", "g")),
                SqsError.InvalidParameterValueException,
                "Value 2 for parameter DelaySeconds is invalid. Reason: The request include parameter that is not"
                        + " valid for this queue type.");
        assertError(
                () -> send("a", "group 1", "d"),
                SqsError.InvalidParameterValueException,
                "Value group 1 for parameter MessageGroupId is invalid. Reason: MessageGroupId can only include"
                        + " alphanumeric and punctuation characters. 1 to 128 in length.");
        // An explicit zero delay is accepted.
        engine.sendMessage(CONTEXT, new SendMessageRequest(url, "a", 0, null, null, "d", "g"));
    }

    @Test
    void sequenceNumbersGrowAndAreReturnedWithTheFifoSystemAttributes() {
        SendMessageResult first = send("a", "g1");
        SendMessageResult second = send("b", "g2");
        assertThat(first.sequenceNumber()).hasSize(20).isEqualTo("00000000000000000001");
        assertThat(second.sequenceNumber()).isGreaterThan(first.sequenceNumber());

        List<Message> messages = receive(10);
        assertThat(messages).extracting(Message::body).containsExactly("a", "b");
        assertThat(messages.getFirst().attributes())
                .containsEntry("SequenceNumber", first.sequenceNumber())
                .containsEntry("MessageGroupId", "g1")
                .containsEntry("MessageDeduplicationId", "a");
    }

    @Test
    void contentBasedDeduplicationUsesTheBodysSha256() {
        String cbd = create("cbd.fifo", Map.of("FifoQueue", "true", "ContentBasedDeduplication", "true"));
        engine.sendMessage(CONTEXT, new SendMessageRequest(cbd, "hello", null, null, null, null, "g"));
        Message message = engine.receiveMessage(CONTEXT, ReceiveMessageRequest.of(cbd, 1))
                .messages()
                .getFirst();
        assertThat(message.attributes())
                .containsEntry(
                        "MessageDeduplicationId", "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
    }

    @Test
    void duplicateWithinFiveMinutesIsAcceptedButNotEnqueuedEvenAfterDeletion() {
        SendMessageResult original = send("a", "g", "d1");
        SendMessageResult duplicate = send("other body", "g", "d1");
        assertThat(duplicate.messageId()).isEqualTo(original.messageId());
        assertThat(duplicate.sequenceNumber()).isEqualTo(original.sequenceNumber());
        assertThat(duplicate.md5OfMessageBody()).isEqualTo(MessageAttributesMd5.ofBody("other body"));

        delete(receive(10).getFirst());
        advance(299);
        send("again", "g", "d1");
        assertThat(receive(10)).isEmpty();

        advance(1);
        SendMessageResult fresh = send("later", "g", "d1");
        assertThat(fresh.messageId()).isNotEqualTo(original.messageId());
        assertThat(receive(10)).extracting(Message::body).containsExactly("later");
    }

    @Test
    void messageGroupScopeDeduplicatesPerGroup() {
        String scoped = create("scoped.fifo", Map.of("FifoQueue", "true", "DeduplicationScope", "messageGroup"));
        engine.sendMessage(CONTEXT, new SendMessageRequest(scoped, "a", null, null, null, "d", "g1"));
        engine.sendMessage(CONTEXT, new SendMessageRequest(scoped, "b", null, null, null, "d", "g2"));
        engine.sendMessage(CONTEXT, new SendMessageRequest(scoped, "c", null, null, null, "d", "g2"));
        assertThat(engine.receiveMessage(CONTEXT, ReceiveMessageRequest.of(scoped, 10))
                        .messages())
                .extracting(Message::body)
                .containsExactly("a", "b");
    }

    @Test
    void purgeClearsTheDeduplicationWindow() {
        send("a", "g", "d1");
        engine.purgeQueue(CONTEXT, new PurgeQueueRequest(url));
        send("b", "g", "d1");
        assertThat(receive(10)).extracting(Message::body).containsExactly("b");
    }

    @Test
    void throughputPerMessageGroupNeedsMessageGroupScope() {
        assertError(
                () -> create("fast.fifo", Map.of("FifoQueue", "true", "FifoThroughputLimit", "perMessageGroupId")),
                SqsError.InvalidAttributeValue,
                "Invalid value for the parameter FifoThroughputLimit. Reason: The perMessageGroupId value is allowed"
                        + " only when the value for DeduplicationScope is messageGroup.");
        create(
                "fast.fifo",
                Map.of(
                        "FifoQueue",
                        "true",
                        "FifoThroughputLimit",
                        "perMessageGroupId",
                        "DeduplicationScope",
                        "messageGroup"));
        assertError(
                () -> engine.setQueueAttributes(
                        CONTEXT,
                        new SetQueueAttributesRequest(url, Map.of("FifoThroughputLimit", "perMessageGroupId"))),
                SqsError.InvalidAttributeValue,
                "Invalid value for the parameter FifoThroughputLimit. Reason: The perMessageGroupId value is allowed"
                        + " only when the value for DeduplicationScope is messageGroup.");
    }

    @Test
    void receiveReturnsNothingWhileGroupHeadIsInFlight() {
        send("a1", "a");
        send("a2", "a");
        send("b1", "b");
        List<Message> first = receive(1);
        assertThat(first).extracting(Message::body).containsExactly("a1");
        assertThat(receive(10)).extracting(Message::body).containsExactly("b1");
        assertThat(receive(10)).isEmpty();

        delete(first.getFirst());
        assertThat(receive(10)).extracting(Message::body).containsExactly("a2");
    }

    @Test
    void oneReceiveReturnsARunOfAGroupInOrderAndMixesGroups() {
        for (int i = 0; i < 4; i++) {
            send("a" + i, "a");
            send("b" + i, "b");
        }
        List<Message> messages = receive(10);
        assertThat(messages).extracting(Message::body).containsExactly("a0", "a1", "a2", "a3", "b0", "b1", "b2", "b3");
    }

    @Test
    void anInvisibleHeadBlocksItsGroupUntilItsTimeoutExpires() {
        send("a1", "a");
        send("a2", "a");
        receive(1);
        advance(29);
        assertThat(receive(10)).isEmpty();
        advance(1);
        List<Message> again = receive(10);
        assertThat(again).extracting(Message::body).containsExactly("a1", "a2");
        assertThat(again.getFirst().attributes()).containsEntry("ApproximateReceiveCount", "2");
    }

    @Test
    void aMessageMadeVisibleAgainStaysBlockedWhileALaterOneIsInFlight() {
        send("a1", "a");
        send("a2", "a");
        List<Message> both = receive(10);
        engine.changeMessageVisibility(
                CONTEXT, new ChangeMessageVisibilityRequest(url, both.getFirst().receiptHandle(), 0));
        assertThat(receive(10)).isEmpty();
        delete(both.get(1));
        assertThat(receive(10)).extracting(Message::body).containsExactly("a1");
    }

    @Test
    void aDelayedHeadBlocksItsGroup() {
        engine.setQueueAttributes(CONTEXT, new SetQueueAttributesRequest(url, Map.of("DelaySeconds", "10")));
        send("a1", "a");
        engine.setQueueAttributes(CONTEXT, new SetQueueAttributesRequest(url, Map.of("DelaySeconds", "0")));
        send("a2", "a");
        send("b1", "b");
        assertThat(receive(10)).extracting(Message::body).containsExactly("b1");
        advance(10);
        assertThat(receive(10)).extracting(Message::body).containsExactly("a1", "a2");
    }

    @Test
    void deleteWithAnExpiredHandleFails() {
        send("a", "g");
        Message message = receive(1).getFirst();
        advance(30);
        assertError(
                () -> delete(message),
                SqsError.InvalidParameterValueException,
                "Value " + message.receiptHandle()
                        + " for parameter ReceiptHandle is invalid. Reason: The receipt handle has expired.");
        Message again = receive(1).getFirst();
        DeleteMessageBatchResult result = engine.deleteMessageBatch(
                CONTEXT,
                new DeleteMessageBatchRequest(
                        url,
                        List.of(
                                new DeleteMessageBatchRequestEntry("old", message.receiptHandle()),
                                new DeleteMessageBatchRequestEntry("new", again.receiptHandle()))));
        assertThat(result.failed()).extracting(e -> e.id()).containsExactly("old");
        assertThat(result.successful()).extracting(e -> e.id()).containsExactly("new");
    }

    @Test
    void receiveRequestAttemptIdReplaysTheSameMessagesWhileInFlight() {
        send("a1", "a");
        send("b1", "b");
        List<Message> first = receive(1, "attempt-1");
        List<Message> retry = receive(10, "attempt-1");
        assertThat(retry)
                .extracting(Message::receiptHandle)
                .containsExactlyElementsOf(
                        first.stream().map(Message::receiptHandle).toList());
        assertThat(receive(10, "attempt-2")).extracting(Message::body).containsExactly("b1");

        advance(30);
        // The first receive's messages are visible again, so the attempt id receives afresh.
        List<Message> fresh = receive(10, "attempt-1");
        assertThat(fresh).extracting(Message::body).containsExactly("a1", "b1");
        assertThat(fresh.getFirst().receiptHandle())
                .isNotEqualTo(first.getFirst().receiptHandle());
    }

    @Test
    void batchRejectsMissingFifoParametersAsAWholeAndKeepsTheOrder() {
        assertError(
                () -> engine.sendMessageBatch(
                        CONTEXT,
                        new SendMessageBatchRequest(
                                url, List.of(new SendMessageBatchRequestEntry("e", "a", null, null, null, "d", null)))),
                SqsError.InvalidParameterValueException,
                "The request must contain the parameter MessageGroupId.");
        assertError(
                () -> engine.sendMessageBatch(
                        CONTEXT,
                        new SendMessageBatchRequest(
                                url, List.of(new SendMessageBatchRequestEntry("e", "a", null, null, null, null, "g")))),
                SqsError.InvalidParameterValueException,
                "The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided"
                        + " explicitly");
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            entries.add(new SendMessageBatchRequestEntry("e" + i, "m" + i, null, null, null, "d" + i, "g"));
        }
        entries.add(new SendMessageBatchRequestEntry("dup", "dup", null, null, null, "d1", "g"));
        entries.add(new SendMessageBatchRequestEntry("bad", "", null, null, null, "d9", "g"));
        SendMessageBatchResult result = engine.sendMessageBatch(CONTEXT, new SendMessageBatchRequest(url, entries));
        assertThat(result.failed()).extracting(e -> e.id()).containsExactly("bad");
        assertThat(result.successful()).hasSize(6);
        assertThat(result.successful().get(5).messageId())
                .isEqualTo(result.successful().get(1).messageId());
        assertThat(result.successful().get(5).sequenceNumber())
                .isEqualTo(result.successful().get(1).sequenceNumber());
        assertThat(receive(10)).extracting(Message::body).containsExactly("m0", "m1", "m2", "m3", "m4");
    }

    @Test
    void restartRebuildsGroupsAndTheDeduplicationWindow() {
        SendMessageResult a1 = send("a1", "a");
        send("a2", "a");
        send("b1", "b");
        List<Message> inFlight = receive(1);
        assertThat(inFlight).extracting(Message::body).containsExactly("a1");

        engine = new SqsEngine(storage, clock, "us-east-1");

        assertThat(receive(10)).extracting(Message::body).containsExactly("b1");
        assertThat(send("dup", "a", "a1").messageId()).isEqualTo(a1.messageId());
        SendMessageResult next = send("c1", "c");
        assertThat(next.sequenceNumber()).isEqualTo("00000000000000000004");
        delete(inFlight.getFirst());
        assertThat(receive(10)).extracting(Message::body).containsExactly("a2", "c1");

        advance(300);
        engine = new SqsEngine(storage, clock, "us-east-1");
        assertThat(send("a1 again", "a", "a1").messageId()).isNotEqualTo(a1.messageId());
    }

    @Test
    void sequenceNumbersKeepGrowingOverARestartOfAnEmptyQueue() {
        send("a", "g");
        delete(receive(1).getFirst());
        advance(600);
        engine = new SqsEngine(storage, clock, "us-east-1");
        assertThat(send("b", "g").sequenceNumber()).isEqualTo("00000000000000000002");
    }

    @Test
    void consumersNeverProcessAGroupOutOfOrderOrTwiceAtOnce() throws Exception {
        int groups = 20;
        int perGroup = 30;
        engine.setQueueAttributes(CONTEXT, new SetQueueAttributesRequest(url, Map.of("VisibilityTimeout", "2")));
        for (int i = 0; i < perGroup; i++) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int g = 0; g < groups; g++) {
                entries.add(
                        new SendMessageBatchRequestEntry("e" + g, g + ":" + i, null, null, null, g + "-" + i, "g" + g));
                if (entries.size() == 10) {
                    engine.sendMessageBatch(CONTEXT, new SendMessageBatchRequest(url, entries));
                    entries = new ArrayList<>();
                }
            }
            if (!entries.isEmpty()) {
                engine.sendMessageBatch(CONTEXT, new SendMessageBatchRequest(url, entries));
            }
        }
        Map<String, Integer> nextPerGroup = new ConcurrentHashMap<>();
        Map<String, Thread> owners = new ConcurrentHashMap<>();
        AtomicInteger violations = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        try (ExecutorService consumers = Executors.newFixedThreadPool(8)) {
            for (int round = 0; round < 200 && done.get() < groups * perGroup; round++) {
                List<Future<?>> futures = new ArrayList<>();
                int currentRound = round;
                for (int c = 0; c < 8; c++) {
                    futures.add(consumers.submit(() -> consume(currentRound, nextPerGroup, owners, violations, done)));
                }
                for (Future<?> future : futures) {
                    future.get();
                }
                // Abandoned messages reappear once their short visibility timeout passes.
                advance(2);
            }
        }
        assertThat(violations).hasValue(0);
        assertThat(done).hasValue(groups * perGroup);
        for (int g = 0; g < groups; g++) {
            assertThat(nextPerGroup).containsEntry("g" + g, perGroup);
        }
    }

    private void consume(
            int round,
            Map<String, Integer> nextPerGroup,
            Map<String, Thread> owners,
            AtomicInteger violations,
            AtomicInteger done) {
        for (int attempt = 0; attempt < 5; attempt++) {
            List<Message> messages = receive(3);
            for (int i = 0; i < messages.size(); i++) {
                Message message = messages.get(i);
                String group = message.attributes().get("MessageGroupId");
                Thread previous = owners.putIfAbsent(group, Thread.currentThread());
                if (previous != null && previous != Thread.currentThread()) {
                    violations.incrementAndGet();
                }
                int index =
                        Integer.parseInt(message.body().substring(message.body().indexOf(':') + 1));
                int expected = nextPerGroup.getOrDefault(group, 0);
                if (index > expected) {
                    violations.incrementAndGet();
                }
                // Now and then a consumer abandons the rest of what it received and lets their timeout expire.
                boolean abandon = (round + i + index) % 7 == 0;
                owners.remove(group);
                if (abandon || index != expected) {
                    break;
                }
                nextPerGroup.put(group, expected + 1);
                delete(message);
                done.incrementAndGet();
            }
        }
    }
}
