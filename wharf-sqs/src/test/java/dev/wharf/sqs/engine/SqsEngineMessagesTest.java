package dev.wharf.sqs.engine;

import static dev.wharf.sqs.engine.EngineAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.sqs.api.ChangeMessageVisibilityBatchRequest;
import dev.wharf.sqs.api.ChangeMessageVisibilityBatchRequestEntry;
import dev.wharf.sqs.api.ChangeMessageVisibilityBatchResult;
import dev.wharf.sqs.api.ChangeMessageVisibilityRequest;
import dev.wharf.sqs.api.CreateQueueRequest;
import dev.wharf.sqs.api.DeleteMessageBatchRequest;
import dev.wharf.sqs.api.DeleteMessageBatchRequestEntry;
import dev.wharf.sqs.api.DeleteMessageBatchResult;
import dev.wharf.sqs.api.DeleteMessageRequest;
import dev.wharf.sqs.api.DeleteQueueRequest;
import dev.wharf.sqs.api.Message;
import dev.wharf.sqs.api.MessageAttributeValue;
import dev.wharf.sqs.api.MessageSystemAttributeValue;
import dev.wharf.sqs.api.PurgeQueueRequest;
import dev.wharf.sqs.api.ReceiveMessageRequest;
import dev.wharf.sqs.api.SendMessageBatchRequest;
import dev.wharf.sqs.api.SendMessageBatchRequestEntry;
import dev.wharf.sqs.api.SendMessageBatchResult;
import dev.wharf.sqs.api.SendMessageRequest;
import dev.wharf.sqs.api.SendMessageResult;
import dev.wharf.sqs.api.SqsContext;
import dev.wharf.sqs.api.SqsError;
import dev.wharf.storage.MemoryStorageEngine;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SqsEngineMessagesTest {

    private static final SqsContext CONTEXT = new SqsContext("000000000000", "http://localhost:4566");

    private final MemoryStorageEngine storage = new MemoryStorageEngine();
    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
    private final ExecutorService pollers = Executors.newVirtualThreadPerTaskExecutor();
    private SqsEngine engine;
    private String url;

    @BeforeEach
    void createQueue() {
        engine = new SqsEngine(storage, clock, "us-east-1");
        url = create("orders", Map.of());
    }

    @AfterEach
    void stopPollers() {
        pollers.shutdownNow();
    }

    private String create(String name, Map<String, String> attributes) {
        return engine.createQueue(CONTEXT, new CreateQueueRequest(name, attributes, null))
                .queueUrl();
    }

    private SendMessageResult send(String body) {
        return engine.sendMessage(CONTEXT, SendMessageRequest.of(url, body));
    }

    private SendMessageResult send(String body, int delaySeconds) {
        return engine.sendMessage(CONTEXT, new SendMessageRequest(url, body, delaySeconds, null, null, null, null));
    }

    private List<Message> receive(int max) {
        return engine.receiveMessage(CONTEXT, ReceiveMessageRequest.of(url, max))
                .messages();
    }

    private ReceiveMessageRequest longPoll(int waitSeconds) {
        return new ReceiveMessageRequest(url, null, List.of("All"), List.of("All"), 1, null, waitSeconds, null);
    }

    private Map<String, String> counts() {
        return QueueCounts.of(engine, CONTEXT, url);
    }

    private static Map<String, String> counts(int visible, int notVisible, int delayed) {
        return QueueCounts.expected(visible, notVisible, delayed);
    }

    private void advance(int seconds) {
        clock.advance(Duration.ofSeconds(seconds));
        engine.tick();
    }

    @Test
    void sendThenReceiveReturnsTheMessageWithItsSystemAttributes() {
        SendMessageResult sent = send("hello");
        assertThat(sent.md5OfMessageBody()).isEqualTo("5d41402abc4b2a76b9719d911017c592");
        assertThat(sent.md5OfMessageAttributes()).isNull();

        clock.advance(Duration.ofSeconds(3));
        List<Message> messages = receive(10);

        assertThat(messages).hasSize(1);
        Message message = messages.getFirst();
        assertThat(message.messageId()).isEqualTo(sent.messageId());
        assertThat(message.body()).isEqualTo("hello");
        assertThat(message.md5OfBody()).isEqualTo(sent.md5OfMessageBody());
        long sentAt = Instant.parse("2025-01-01T00:00:00Z").toEpochMilli();
        assertThat(message.attributes())
                .containsEntry("SenderId", "000000000000")
                .containsEntry("SentTimestamp", Long.toString(sentAt))
                .containsEntry("ApproximateReceiveCount", "1")
                .containsEntry("ApproximateFirstReceiveTimestamp", Long.toString(sentAt + 3_000));
        assertThat(receive(10)).isEmpty();
    }

    @Test
    void receivedMessageReappearsWhenItsVisibilityTimeoutExpires() {
        send("a");
        Message first = receive(1).getFirst();

        advance(29);
        assertThat(receive(1)).isEmpty();
        assertThat(counts()).isEqualTo(counts(0, 1, 0));

        advance(1);
        Message second = receive(1).getFirst();
        assertThat(second.attributes()).containsEntry("ApproximateReceiveCount", "2");
        assertThat(second.receiptHandle()).isNotEqualTo(first.receiptHandle());
    }

    @Test
    void receiveHonoursARequestedVisibilityTimeout() {
        send("a");
        engine.receiveMessage(CONTEXT, new ReceiveMessageRequest(url, null, null, null, 1, 5, 0, null));
        advance(4);
        assertThat(receive(1)).isEmpty();
        advance(1);
        assertThat(receive(1)).hasSize(1);
    }

    @Test
    void deleteRemovesTheMessageAndAcceptsHandlesOfDeletedMessages() {
        send("a");
        Message message = receive(1).getFirst();

        engine.deleteMessage(CONTEXT, new DeleteMessageRequest(url, message.receiptHandle()));
        engine.deleteMessage(CONTEXT, new DeleteMessageRequest(url, message.receiptHandle()));

        advance(60);
        assertThat(receive(1)).isEmpty();
        assertThat(counts()).isEqualTo(counts(0, 0, 0));
    }

    @Test
    void deleteWithAStaleHandleDeletesTheMessage() {
        send("a");
        Message first = receive(1).getFirst();
        advance(30);
        receive(1);

        engine.deleteMessage(CONTEXT, new DeleteMessageRequest(url, first.receiptHandle()));

        assertThat(counts()).isEqualTo(counts(0, 0, 0));
    }

    @Test
    void deleteRejectsMalformedAndForeignHandles() {
        assertError(
                () -> engine.deleteMessage(CONTEXT, new DeleteMessageRequest(url, "garbage")),
                SqsError.ReceiptHandleIsInvalid,
                "The input receipt handle \"garbage\" is not a valid receipt handle.");
        String other = create("other", Map.of());
        engine.sendMessage(CONTEXT, SendMessageRequest.of(other, "x"));
        String foreign = engine.receiveMessage(CONTEXT, ReceiveMessageRequest.of(other, 1))
                .messages()
                .getFirst()
                .receiptHandle();
        assertError(
                () -> engine.deleteMessage(CONTEXT, new DeleteMessageRequest(url, foreign)),
                SqsError.ReceiptHandleIsInvalid,
                "The receipt handle \"" + foreign + "\" is not valid for this queue.");
    }

    @Test
    void changeVisibilityToZeroMakesTheMessageVisibleAtOnce() {
        send("a");
        Message message = receive(1).getFirst();

        engine.changeMessageVisibility(CONTEXT, new ChangeMessageVisibilityRequest(url, message.receiptHandle(), 0));

        assertThat(counts()).isEqualTo(counts(1, 0, 0));
        assertThat(receive(1)).hasSize(1);
    }

    @Test
    void changeVisibilityExtendsTheTimeout() {
        send("a");
        Message message = receive(1).getFirst();
        advance(20);

        engine.changeMessageVisibility(CONTEXT, new ChangeMessageVisibilityRequest(url, message.receiptHandle(), 100));

        advance(99);
        assertThat(receive(1)).isEmpty();
        advance(1);
        assertThat(receive(1)).hasSize(1);
    }

    @Test
    void changeVisibilityWithAStaleHandleAppliesToTheMessageInFlight() {
        send("a");
        Message first = receive(1).getFirst();
        advance(30);
        receive(1);

        engine.changeMessageVisibility(CONTEXT, new ChangeMessageVisibilityRequest(url, first.receiptHandle(), 0));

        assertThat(counts()).isEqualTo(counts(1, 0, 0));
    }

    @Test
    void changeVisibilityRejectsMessagesNotInFlightAndOutOfRangeTimeouts() {
        send("a");
        Message message = receive(1).getFirst();
        assertError(
                () -> engine.changeMessageVisibility(
                        CONTEXT, new ChangeMessageVisibilityRequest(url, message.receiptHandle(), 43_201)),
                SqsError.InvalidParameterValueException,
                "Value 43201 for parameter VisibilityTimeout is invalid. Reason: Must be between 0 and 43200, if"
                        + " provided.");
        advance(30);
        assertError(
                () -> engine.changeMessageVisibility(
                        CONTEXT, new ChangeMessageVisibilityRequest(url, message.receiptHandle(), 10)),
                SqsError.InvalidParameterValueException,
                "Value " + message.receiptHandle() + " for parameter ReceiptHandle is invalid. Reason: Message does"
                        + " not exist or is not available for visibility timeout change.");
    }

    @Test
    void messageDelayHidesTheMessageUntilItEnds() {
        send("late", 10);
        assertThat(receive(1)).isEmpty();
        assertThat(counts()).isEqualTo(counts(0, 0, 1));

        advance(10);

        assertThat(counts()).isEqualTo(counts(1, 0, 0));
        assertThat(receive(1)).extracting(Message::body).containsExactly("late");
    }

    @Test
    void queueDelayAppliesUnlessTheMessageSetsItsOwn() {
        url = create("delayed", Map.of("DelaySeconds", "60"));
        send("queue-delay");
        send("no-delay", 0);

        assertThat(receive(10)).extracting(Message::body).containsExactly("no-delay");
        advance(60);
        assertThat(receive(10)).extracting(Message::body).containsExactly("no-delay", "queue-delay");
    }

    @Test
    void messageDelayOutOfRangeIsRejected() {
        assertError(
                () -> send("x", 901),
                SqsError.InvalidParameterValueException,
                "Value 901 for parameter DelaySeconds is invalid. Reason: DelaySeconds must be >= 0 and <= 900.");
    }

    @Test
    void messagesPastTheRetentionPeriodAreDeleted() {
        url = create("short", Map.of("MessageRetentionPeriod", "60"));
        send("old");
        advance(30);
        send("young");
        assertThat(receive(1)).extracting(Message::body).containsExactly("old");

        advance(30);

        assertThat(counts()).isEqualTo(counts(1, 0, 0));
        assertThat(storage.readPayload(engine.queue(CONTEXT, url).queueId(), 1)).isNull();
        advance(30);
        assertThat(counts()).isEqualTo(counts(0, 0, 0));
    }

    @Test
    void approximateCountersAreExact() {
        for (int i = 0; i < 5; i++) {
            send("m" + i);
        }
        send("d", 100);
        receive(2);

        assertThat(counts()).isEqualTo(counts(3, 2, 1));
    }

    @Test
    void sendRejectsInvalidBodies() {
        assertError(
                () -> send(""),
                SqsError.MissingRequiredParameterException,
                "The request must contain the parameter MessageBody.");
        assertError(
                () -> send("bell\u0007"),
                SqsError.InvalidMessageContents,
                "Invalid binary character '#x7' was found in the message body, the set of allowed characters is #x9"
                        + " | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].");
        url = create("small", Map.of("MaximumMessageSize", "1024"));
        assertError(
                () -> send("x".repeat(1025)),
                SqsError.InvalidParameterValueException,
                "One or more parameters are invalid. Reason: Message must be shorter than 1024 bytes.");
        send("x".repeat(1024));
    }

    @Test
    void receiveRejectsOutOfRangeParameters() {
        assertError(
                () -> engine.receiveMessage(CONTEXT, ReceiveMessageRequest.of(url, 11)),
                SqsError.InvalidParameterValueException,
                "Value 11 for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if"
                        + " provided.");
        assertError(
                () -> engine.receiveMessage(CONTEXT, longPoll(21)),
                SqsError.InvalidParameterValueException,
                "Value 21 for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= 20, if provided.");
    }

    @Test
    void md5OfMessageAttributesMatchesTheSdksDigest() throws Exception {
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        attributes.put("zeta", MessageAttributeValue.ofString("String", "last"));
        attributes.put("count", MessageAttributeValue.ofString("Number.int", "42"));
        attributes.put("blob", MessageAttributeValue.ofBinary("Binary", new byte[] {0, 1, 2, (byte) 255}));
        attributes.put("name", MessageAttributeValue.ofString("String", "çé 日本"));

        SendMessageResult sent =
                engine.sendMessage(CONTEXT, new SendMessageRequest(url, "body ü", null, attributes, null, null, null));

        assertThat(sent.md5OfMessageAttributes()).isEqualTo(sdkAttributesMd5(attributes));
        assertThat(sent.md5OfMessageBody()).isEqualTo(sdkBodyMd5("body ü"));
        Message received = receive(1).getFirst();
        assertThat(received.md5OfMessageAttributes()).isEqualTo(sent.md5OfMessageAttributes());
        assertThat(received.messageAttributes()).containsOnlyKeys("zeta", "count", "blob", "name");
        assertThat(received.messageAttributes()).hasEntrySatisfying("blob", blob -> assertThat(blob.binaryValue())
                .containsExactly(0, 1, 2, 255));
    }

    @Test
    void receiveReturnsOnlySelectedAttributesAndDigestsThem() throws Exception {
        Map<String, MessageAttributeValue> attributes = Map.of(
                "foo.a", MessageAttributeValue.ofString("String", "1"),
                "foo.b", MessageAttributeValue.ofString("String", "2"),
                "bar", MessageAttributeValue.ofString("Number", "3"));
        engine.sendMessage(CONTEXT, new SendMessageRequest(url, "x", null, attributes, null, null, null));

        Message message = engine.receiveMessage(
                        CONTEXT, new ReceiveMessageRequest(url, null, null, List.of("foo.*"), 1, null, 0, null))
                .messages()
                .getFirst();

        assertThat(message.messageAttributes()).containsOnlyKeys("foo.a", "foo.b");
        assertThat(message.attributes()).isEmpty();
        Map<String, MessageAttributeValue> returned = new LinkedHashMap<>(attributes);
        returned.remove("bar");
        assertThat(message.md5OfMessageAttributes()).isEqualTo(sdkAttributesMd5(returned));
    }

    @Test
    void messageAttributeNameFiltersSelectAsAwsDoes() {
        Map<String, MessageAttributeValue> attributes = Map.of(
                "Help.Me", MessageAttributeValue.ofString("String", "Me"),
                "Hello", MessageAttributeValue.ofString("String", "There"),
                "General", MessageAttributeValue.ofString("String", "Kenobi"));
        engine.sendMessage(CONTEXT, new SendMessageRequest(url, "msg", null, attributes, null, null, null));
        Map<List<String>, List<String>> expected = new LinkedHashMap<>();
        expected.put(List.of(), List.of());
        expected.put(List.of("All"), List.of("General", "Hello", "Help.Me"));
        expected.put(List.of("*"), List.of("General", "Hello", "Help.Me"));
        expected.put(List.of(".*"), List.of("General", "Hello", "Help.Me"));
        expected.put(List.of("Foo", "Help"), List.of());
        expected.put(List.of("Foo", "Hello"), List.of("Hello"));
        expected.put(List.of("Hel.*"), List.of("Hello", "Help.Me"));
        expected.put(List.of("Help.*"), List.of("Help.Me"));
        expected.put(List.of("AWS.", "..foo"), List.of());
        expected.put(Collections.singletonList(null), List.of());

        expected.forEach((filter, names) -> {
            Message message = engine.receiveMessage(
                            CONTEXT, new ReceiveMessageRequest(url, null, null, filter, 1, 0, 0, null))
                    .messages()
                    .getFirst();
            assertThat(message.messageAttributes().keySet())
                    .as("filter %s", filter)
                    .containsExactlyElementsOf(names);
        });
    }

    @Test
    void messageAttributesAreChecked() {
        assertError(
                () -> sendWithAttribute("AWS.x", MessageAttributeValue.ofString("String", "v")),
                SqsError.InvalidParameterValueException,
                "You can't use message attribute names beginning with 'AWS.' or 'Amazon.'. These strings are"
                        + " reserved for internal use.");
        assertError(
                () -> sendWithAttribute("a", MessageAttributeValue.ofString("String", "")),
                SqsError.InvalidParameterValueException,
                "Message (user) attribute 'a' must contain a non-empty value of type 'String'.");
        assertError(
                () -> sendWithAttribute("a", MessageAttributeValue.ofString("Text", "v")),
                SqsError.InvalidParameterValueException,
                "The type of message (user) attribute 'a' is invalid. You must use only the following supported"
                        + " type prefixes: Binary, Number, String.");
        Map<String, MessageAttributeValue> eleven = new LinkedHashMap<>();
        IntStream.range(0, 11).forEach(i -> eleven.put("a" + i, MessageAttributeValue.ofString("String", "v")));
        assertError(
                () -> engine.sendMessage(CONTEXT, new SendMessageRequest(url, "x", null, eleven, null, null, null)),
                SqsError.InvalidParameterValueException,
                "Number of message attributes [11] exceeds the allowed maximum [10].");
    }

    @Test
    void numberAttributesHaveAtMost38DigitsAndAwsRange() {
        for (String value : List.of("1".repeat(38), "-1e-128", "1e126", "0e400", "00012.500", " 7 ")) {
            sendWithAttribute("n", MessageAttributeValue.ofString("Number.custom", value));
        }
        assertError(
                () -> sendWithAttribute("n", MessageAttributeValue.ofString("Number", "1".repeat(500))),
                SqsError.InvalidParameterValueException,
                "The value of message (user) attribute 'n' has more than 38 digits of precision.");
        for (String value : List.of("1e400", "-2e126", "1e-129")) {
            assertError(
                    () -> sendWithAttribute("n", MessageAttributeValue.ofString("Number", value)),
                    SqsError.InvalidParameterValueException,
                    "The value of message (user) attribute 'n' is outside the range of a Number, whose magnitude is"
                            + " from 10^-128 to 10^+126.");
        }
        assertError(
                () -> sendWithAttribute("n", MessageAttributeValue.ofString("Number", "12a")),
                SqsError.InvalidParameterValueException,
                "Can't cast the value of message (user) attribute 'n' to a number.");
        assertThat(receive(10))
                .extracting(m ->
                        Objects.requireNonNull(m.messageAttributes().get("n")).stringValue())
                .containsExactlyInAnyOrder("1".repeat(38), "-1e-128", "1e126", "0e400", "00012.500", " 7 ");
    }

    @Test
    void dataTypesHaveAtMost256CharactersThatABodyMayHold() {
        String longest = "String." + "x".repeat(249);
        sendWithAttribute("s", MessageAttributeValue.ofString(longest, "v"));
        sendWithAttribute("s", MessageAttributeValue.ofBinary("Binary." + "😀".repeat(249), new byte[] {1}));
        assertError(
                () -> sendWithAttribute("s", MessageAttributeValue.ofString(longest + "x".repeat(51), "v")),
                SqsError.InvalidParameterValueException,
                "The type of message (user) attribute 's' exceeds the maximum length of 256 characters.");
        assertError(
                () -> sendWithAttribute("s", MessageAttributeValue.ofString("String.\u0001", "v")),
                SqsError.InvalidParameterValueException,
                "Invalid binary character '#x1' was found in the type of message attribute 's', the set of allowed"
                        + " characters is " + MessageRules.ALLOWED_CHARACTERS + ".");
        assertThat(receive(10)).hasSize(2);
    }

    @Test
    void sendMessageBatchChecksEachEntrysAttributesAsSendMessageDoes() {
        List<SendMessageBatchRequestEntry> entries = List.of(
                entryWithAttribute("ok", MessageAttributeValue.ofString("Number", "42")),
                entryWithAttribute("digits", MessageAttributeValue.ofString("Number", "9".repeat(39))),
                entryWithAttribute("range", MessageAttributeValue.ofString("Number", "1e400")),
                entryWithAttribute("type", MessageAttributeValue.ofString("String." + "x".repeat(300), "v")));

        SendMessageBatchResult result = engine.sendMessageBatch(CONTEXT, new SendMessageBatchRequest(url, entries));

        assertThat(result.successful()).extracting(e -> e.id()).containsExactly("ok");
        assertThat(result.failed())
                .extracting(f -> f.id() + " " + f.code() + " " + f.senderFault() + " " + f.message())
                .containsExactly(
                        "digits InvalidParameterValue true The value of message (user) attribute 'a' has more than 38"
                                + " digits of precision.",
                        "range InvalidParameterValue true The value of message (user) attribute 'a' is outside the"
                                + " range of a Number, whose magnitude is from 10^-128 to 10^+126.",
                        "type InvalidParameterValue true The type of message (user) attribute 'a' exceeds the maximum"
                                + " length of 256 characters.");
    }

    private static SendMessageBatchRequestEntry entryWithAttribute(String id, MessageAttributeValue value) {
        return new SendMessageBatchRequestEntry(id, "x", null, Map.of("a", value), null, null, null);
    }

    private void sendWithAttribute(String name, MessageAttributeValue value) {
        engine.sendMessage(CONTEXT, new SendMessageRequest(url, "x", null, Map.of(name, value), null, null, null));
    }

    @Test
    void traceHeaderIsReturnedAsASystemAttribute() throws Exception {
        Map<String, MessageSystemAttributeValue> system =
                Map.of("AWSTraceHeader", new MessageSystemAttributeValue("Root=1-abc", null, null, null, "String"));
        SendMessageResult sent =
                engine.sendMessage(CONTEXT, new SendMessageRequest(url, "x", null, null, system, null, null));

        assertThat(sent.md5OfMessageSystemAttributes())
                .isEqualTo(sdkAttributesMd5(
                        Map.of("AWSTraceHeader", MessageAttributeValue.ofString("String", "Root=1-abc"))));
        assertThat(receive(1).getFirst().attributes()).containsEntry("AWSTraceHeader", "Root=1-abc");
    }

    @Test
    void sendMessageBatchEnqueuesValidEntriesAndReportsFailedOnes() {
        SendMessageBatchResult result = engine.sendMessageBatch(
                CONTEXT,
                new SendMessageBatchRequest(
                        url,
                        List.of(
                                SendMessageBatchRequestEntry.of("ok-1", "one"),
                                new SendMessageBatchRequestEntry("late", "two", 1_000, null, null, null, null),
                                SendMessageBatchRequestEntry.of("ok_2", "three"))));

        assertThat(result.successful()).extracting(e -> e.id()).containsExactly("ok-1", "ok_2");
        assertThat(result.failed()).singleElement().satisfies(failure -> {
            assertThat(failure.id()).isEqualTo("late");
            assertThat(failure.senderFault()).isTrue();
            assertThat(failure.code()).isEqualTo("InvalidParameterValue");
            assertThat(failure.message())
                    .isEqualTo("Value 1000 for parameter DelaySeconds is invalid. Reason: DelaySeconds must be >= 0"
                            + " and <= 900.");
        });
        assertThat(receive(10)).extracting(Message::body).containsExactlyInAnyOrder("one", "three");
    }

    @Test
    void batchRequestsAreCheckedAsAWhole() {
        assertError(
                () -> engine.sendMessageBatch(CONTEXT, new SendMessageBatchRequest(url, List.of())),
                SqsError.EmptyBatchRequest,
                "There should be at least one SendMessageBatchRequestEntry in the request.");
        List<SendMessageBatchRequestEntry> eleven = IntStream.range(0, 11)
                .mapToObj(i -> SendMessageBatchRequestEntry.of("e" + i, "x"))
                .toList();
        assertError(
                () -> engine.sendMessageBatch(CONTEXT, new SendMessageBatchRequest(url, eleven)),
                SqsError.TooManyEntriesInBatchRequest,
                "Maximum number of entries per request are 10. You have sent 11.");
        assertError(
                () -> engine.sendMessageBatch(
                        CONTEXT,
                        new SendMessageBatchRequest(
                                url,
                                List.of(
                                        SendMessageBatchRequestEntry.of("a", "x"),
                                        SendMessageBatchRequestEntry.of("a", "y")))),
                SqsError.BatchEntryIdsNotDistinct,
                "Id a repeated.");
        assertError(
                () -> engine.deleteMessageBatch(
                        CONTEXT,
                        new DeleteMessageBatchRequest(url, List.of(new DeleteMessageBatchRequestEntry("bad id", "h")))),
                SqsError.InvalidBatchEntryId,
                "A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at"
                        + " most 80 letters long.");
        List<SendMessageBatchRequestEntry> large = IntStream.range(0, 2)
                .mapToObj(i -> SendMessageBatchRequestEntry.of("e" + i, "x".repeat(600_000)))
                .toList();
        assertError(
                () -> engine.sendMessageBatch(CONTEXT, new SendMessageBatchRequest(url, large)),
                SqsError.BatchRequestTooLong,
                "Batch requests cannot be longer than 1048576 bytes. You have sent 1200000 bytes.");
        assertThat(counts()).isEqualTo(counts(0, 0, 0));
    }

    @Test
    void deleteAndChangeVisibilityBatchesApplyPerEntry() {
        for (int i = 0; i < 3; i++) {
            send("m" + i);
        }
        List<Message> messages = receive(3);

        DeleteMessageBatchResult deleted = engine.deleteMessageBatch(
                CONTEXT,
                new DeleteMessageBatchRequest(
                        url,
                        List.of(
                                new DeleteMessageBatchRequestEntry(
                                        "d0", messages.get(0).receiptHandle()),
                                new DeleteMessageBatchRequestEntry("bad", "nonsense"))));
        ChangeMessageVisibilityBatchResult changed = engine.changeMessageVisibilityBatch(
                CONTEXT,
                new ChangeMessageVisibilityBatchRequest(
                        url,
                        List.of(
                                new ChangeMessageVisibilityBatchRequestEntry(
                                        "c1", messages.get(1).receiptHandle(), 0),
                                new ChangeMessageVisibilityBatchRequestEntry(
                                        "c0", messages.get(0).receiptHandle(), 0))));

        assertThat(deleted.successful()).extracting(e -> e.id()).containsExactly("d0");
        assertThat(deleted.failed()).singleElement().satisfies(f -> {
            assertThat(f.id()).isEqualTo("bad");
            assertThat(f.code()).isEqualTo("ReceiptHandleIsInvalid");
        });
        assertThat(changed.successful()).extracting(e -> e.id()).containsExactly("c1");
        assertThat(changed.failed()).extracting(f -> f.id()).containsExactly("c0");
        assertThat(counts()).isEqualTo(counts(1, 1, 0));
    }

    @Test
    void purgeDeletesEveryMessageOnceAMinute() {
        send("a");
        send("b", 30);
        receive(1);
        send("c");

        engine.purgeQueue(CONTEXT, new PurgeQueueRequest(url));

        assertThat(counts()).isEqualTo(counts(0, 0, 0));
        assertError(
                () -> engine.purgeQueue(CONTEXT, new PurgeQueueRequest(url)),
                SqsError.PurgeQueueInProgress,
                "Only one PurgeQueue operation on orders is allowed every 60 seconds.");
        advance(60);
        engine.purgeQueue(CONTEXT, new PurgeQueueRequest(url));
        send("d");
        assertThat(receive(10)).extracting(Message::body).containsExactly("d");
    }

    @Test
    void longPollIsWokenBySend() throws Exception {
        CompletableFuture<List<Message>> poll = poll(20);
        awaitWaiting(1);

        send("wake");

        assertThat(poll.get(10, TimeUnit.SECONDS)).extracting(Message::body).containsExactly("wake");
    }

    @Test
    void longPollIsWokenWhenADelayEnds() throws Exception {
        send("late", 5);
        CompletableFuture<List<Message>> poll = poll(20);
        awaitWaiting(1);

        advance(5);

        assertThat(poll.get(10, TimeUnit.SECONDS)).extracting(Message::body).containsExactly("late");
    }

    @Test
    void longPollIsWokenWhenAVisibilityTimeoutExpires() throws Exception {
        send("again");
        receive(1);
        CompletableFuture<List<Message>> poll = poll(20);
        awaitWaiting(1);

        advance(30);

        assertThat(poll.get(10, TimeUnit.SECONDS)).extracting(Message::body).containsExactly("again");
    }

    @Test
    void longPollEndsEmptyWhenItsWaitEnds() throws Exception {
        CompletableFuture<List<Message>> poll = poll(20);
        awaitWaiting(1);

        advance(19);
        assertThat(poll).isNotDone();
        advance(1);

        assertThat(poll.get(10, TimeUnit.SECONDS)).isEmpty();
    }

    @Test
    void longPollEndsEmptyWhenTheQueueIsDeleted() throws Exception {
        CompletableFuture<List<Message>> poll = poll(20);
        awaitWaiting(1);

        engine.deleteQueue(CONTEXT, new DeleteQueueRequest(url));

        assertThat(poll.get(10, TimeUnit.SECONDS)).isEmpty();
    }

    @Test
    void queueWaitTimeAppliesWhenTheReceiveGivesNone() throws Exception {
        url = create("patient", Map.of("ReceiveMessageWaitTimeSeconds", "20"));
        CompletableFuture<List<Message>> poll = CompletableFuture.supplyAsync(
                () -> engine.receiveMessage(
                                CONTEXT, new ReceiveMessageRequest(url, null, null, null, null, null, null, null))
                        .messages(),
                pollers);
        awaitWaiting(1);

        send("x");

        assertThat(poll.get(10, TimeUnit.SECONDS)).hasSize(1);
    }

    private CompletableFuture<List<Message>> poll(int waitSeconds) {
        return CompletableFuture.supplyAsync(
                () -> engine.receiveMessage(CONTEXT, longPoll(waitSeconds)).messages(), pollers);
    }

    /** Spins, bounded, until the long polls are waiting on the queue; no sleep. */
    private void awaitWaiting(int count) {
        Queue queue = engine.queue(CONTEXT, url);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (queue.waitingCount() < count) {
            assertThat(System.nanoTime()).as("long poll started waiting").isLessThan(deadline);
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    @Test
    void restartRebuildsTheSameStateFromTheStore() {
        for (int i = 0; i < 6; i++) {
            send("m" + i);
        }
        send("delayed", 120);
        List<Message> received = receive(2);
        engine.deleteMessage(
                CONTEXT, new DeleteMessageRequest(url, receive(1).getFirst().receiptHandle()));
        Map<String, String> before = counts();

        engine = new SqsEngine(storage, clock, "us-east-1");

        assertThat(counts()).isEqualTo(before).isEqualTo(counts(3, 2, 1));
        assertThat(receive(10)).extracting(Message::body).containsExactly("m3", "m4", "m5");
        advance(30);
        List<Message> again = receive(10);
        assertThat(again).extracting(Message::body).containsExactly("m0", "m1", "m3", "m4", "m5");
        assertThat(again).allSatisfy(m -> assertThat(m.attributes()).containsEntry("ApproximateReceiveCount", "2"));
        engine.deleteMessage(
                CONTEXT, new DeleteMessageRequest(url, received.getFirst().receiptHandle()));
        send("after-restart");
        advance(90);
        assertThat(receive(10)).extracting(Message::body).contains("after-restart", "delayed");
    }

    @Test
    void receiveCountAndFirstReceiveSurviveARestart() {
        send("a");
        receive(1);
        long firstReceive = clock.millis();
        advance(30);
        receive(1);
        advance(30);

        engine = new SqsEngine(storage, clock, "us-east-1");

        Message message = receive(1).getFirst();
        assertThat(message.attributes())
                .containsEntry("ApproximateReceiveCount", "3")
                .containsEntry("ApproximateFirstReceiveTimestamp", Long.toString(firstReceive));
    }

    @Test
    void manyMessagesFlowInOrderThroughTheIndex() {
        List<String> bodies = new ArrayList<>();
        for (int batch = 0; batch < 50; batch++) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                String body = "m" + (batch * 10 + i);
                bodies.add(body);
                entries.add(SendMessageBatchRequestEntry.of("e" + i, body));
            }
            engine.sendMessageBatch(CONTEXT, new SendMessageBatchRequest(url, entries));
        }
        List<String> seen = new ArrayList<>();
        for (List<Message> next = receive(10); !next.isEmpty(); next = receive(10)) {
            List<Message> page = next;
            page.forEach(m -> seen.add(m.body()));
            engine.deleteMessageBatch(
                    CONTEXT,
                    new DeleteMessageBatchRequest(
                            url,
                            IntStream.range(0, page.size())
                                    .mapToObj(i -> new DeleteMessageBatchRequestEntry(
                                            "d" + i, page.get(i).receiptHandle()))
                                    .toList()));
        }
        assertThat(seen).isEqualTo(bodies);
        assertThat(Collections.frequency(seen, "m0")).isOne();
        assertThat(counts()).isEqualTo(counts(0, 0, 0));
    }

    private static String sdkAttributesMd5(Map<String, MessageAttributeValue> attributes) throws Exception {
        Map<String, software.amazon.awssdk.services.sqs.model.MessageAttributeValue> sdk = new LinkedHashMap<>();
        attributes.forEach((name, value) -> {
            var builder = software.amazon.awssdk.services.sqs.model.MessageAttributeValue.builder()
                    .dataType(value.dataType());
            if (value.binaryValue() != null) {
                builder.binaryValue(software.amazon.awssdk.core.SdkBytes.fromByteArray(value.binaryValue()));
            } else {
                builder.stringValue(value.stringValue());
            }
            sdk.put(name, builder.build());
        });
        return (String)
                interceptorMethod("calculateMessageAttributesMd5", Map.class).invoke(null, sdk);
    }

    private static String sdkBodyMd5(String body) throws Exception {
        assertThat(body.getBytes(StandardCharsets.UTF_8)).isNotEmpty();
        return (String)
                interceptorMethod("calculateMessageBodyMd5", String.class).invoke(null, body);
    }

    private static Method interceptorMethod(String name, Class<?> parameter) throws Exception {
        Method method = Class.forName("software.amazon.awssdk.services.sqs.internal.MessageMD5ChecksumInterceptor")
                .getDeclaredMethod(name, parameter);
        method.setAccessible(true);
        return method;
    }
}
