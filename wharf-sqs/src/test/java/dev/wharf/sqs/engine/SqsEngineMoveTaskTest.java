package dev.wharf.sqs.engine;

import static dev.wharf.sqs.engine.EngineAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.common.AwsException;
import dev.wharf.sqs.api.CancelMessageMoveTaskRequest;
import dev.wharf.sqs.api.CreateQueueRequest;
import dev.wharf.sqs.api.DeleteQueueRequest;
import dev.wharf.sqs.api.GetQueueAttributesRequest;
import dev.wharf.sqs.api.ListMessageMoveTasksRequest;
import dev.wharf.sqs.api.ListMessageMoveTasksResultEntry;
import dev.wharf.sqs.api.Message;
import dev.wharf.sqs.api.PurgeQueueRequest;
import dev.wharf.sqs.api.ReceiveMessageRequest;
import dev.wharf.sqs.api.SendMessageRequest;
import dev.wharf.sqs.api.SqsContext;
import dev.wharf.sqs.api.SqsError;
import dev.wharf.sqs.api.StartMessageMoveTaskRequest;
import dev.wharf.storage.MemoryStorageEngine;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class SqsEngineMoveTaskTest {

    private static final SqsContext CONTEXT = new SqsContext("000000000000", "http://localhost:4566");
    private static final String ARN = "arn:aws:sqs:us-east-1:000000000000:";

    private final MemoryStorageEngine storage = new MemoryStorageEngine();
    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
    private SqsEngine engine;

    @BeforeEach
    void start() {
        engine = new SqsEngine(storage, clock, "us-east-1", false);
    }

    private void restart() {
        engine = new SqsEngine(storage, clock, "us-east-1", false);
    }

    private String create(String name, Map<String, String> attributes) {
        return engine.createQueue(CONTEXT, new CreateQueueRequest(name, attributes, null))
                .queueUrl();
    }

    /** A source queue whose messages go to the dead-letter queue on their second receive. */
    private String createSource(String name, String dlq) {
        Map<String, String> attributes = new java.util.HashMap<>();
        attributes.put("RedrivePolicy", "{\"deadLetterTargetArn\":\"" + ARN + dlq + "\",\"maxReceiveCount\":1}");
        if (name.endsWith(".fifo")) {
            attributes.put("FifoQueue", "true");
        }
        return create(name, attributes);
    }

    /** Sends the bodies to the source queue and receives them twice, so that they move to its dead-letter queue. */
    private void deadLetter(String source, String... bodies) {
        boolean fifo = source.endsWith(".fifo");
        for (int i = 0; i < bodies.length; i++) {
            engine.sendMessage(
                    CONTEXT,
                    new SendMessageRequest(
                            source, bodies[i], null, null, null, fifo ? "d-" + bodies[i] : null, fifo ? "g" : null));
        }
        drain(source);
        clock.advance(Duration.ofSeconds(31));
        assertThat(drain(source)).isEmpty();
    }

    private List<Message> drain(String url) {
        List<Message> all = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            List<Message> batch = engine.receiveMessage(CONTEXT, ReceiveMessageRequest.of(url, 10))
                    .messages();
            if (batch.isEmpty()) {
                break;
            }
            all.addAll(batch);
        }
        return all;
    }

    private int visible(String url) {
        return Integer.parseInt(engine.getQueueAttributes(
                        CONTEXT, new GetQueueAttributesRequest(url, List.of("ApproximateNumberOfMessages")))
                .attributes()
                .get("ApproximateNumberOfMessages"));
    }

    private String startTask(String dlq, @Nullable String destination, @Nullable Integer rate) {
        return engine.startMessageMoveTask(
                        CONTEXT,
                        new StartMessageMoveTaskRequest(
                                ARN + dlq, destination == null ? null : ARN + destination, rate))
                .taskHandle();
    }

    private List<ListMessageMoveTasksResultEntry> tasks(String dlq, @Nullable Integer maxResults) {
        return engine.listMessageMoveTasks(CONTEXT, new ListMessageMoveTasksRequest(ARN + dlq, maxResults))
                .results();
    }

    private ListMessageMoveTasksResultEntry latest(String dlq) {
        return tasks(dlq, null).getFirst();
    }

    private static String[] bodies(int count) {
        String[] bodies = new String[count];
        for (int i = 0; i < count; i++) {
            bodies[i] = "m" + i;
        }
        return bodies;
    }

    @Test
    void aTaskMovesNoMoreMessagesPerSecondThanItsRate() {
        String dlq = create("dlq", Map.of());
        String source = createSource("source", "dlq");
        String destination = create("destination", Map.of());
        deadLetter(source, bodies(25));

        startTask("dlq", "destination", 10);
        engine.runMoveTasks();
        assertThat(visible(destination)).isEqualTo(10);
        engine.runMoveTasks();
        assertThat(visible(destination)).isEqualTo(10);

        clock.advance(Duration.ofMillis(999));
        engine.runMoveTasks();
        assertThat(visible(destination)).isEqualTo(19);
        clock.advance(Duration.ofMillis(1));
        engine.runMoveTasks();
        assertThat(visible(destination)).isEqualTo(20);
        assertThat(latest("dlq").status()).isEqualTo("RUNNING");

        clock.advance(Duration.ofSeconds(1));
        engine.runMoveTasks();
        assertThat(visible(destination)).isEqualTo(25);
        assertThat(visible(dlq)).isZero();
        ListMessageMoveTasksResultEntry task = latest("dlq");
        assertThat(task.status()).isEqualTo("COMPLETED");
        assertThat(task.approximateNumberOfMessagesMoved()).isEqualTo(25);
        assertThat(task.approximateNumberOfMessagesToMove()).isEqualTo(25);
        assertThat(task.maxNumberOfMessagesPerSecond()).isEqualTo(10);
        assertThat(task.destinationArn()).isEqualTo(ARN + "destination");
        assertThat(task.taskHandle()).isNull();
    }

    @Test
    void withoutADestinationMessagesReturnToTheirOwnSourceQueuesAsNewMessages() {
        String dlq = create("dlq", Map.of());
        String first = createSource("first", "dlq");
        String second = createSource("second", "dlq");
        deadLetter(first, "a1", "a2");
        deadLetter(second, "b1");
        List<String> deadIds = new ArrayList<>();
        for (Message message : drain(dlq)) {
            deadIds.add(message.messageId());
        }
        clock.advance(Duration.ofSeconds(31));

        String handle = startTask("dlq", null, null);
        ListMessageMoveTasksResultEntry running = latest("dlq");
        assertThat(running.status()).isEqualTo("RUNNING");
        assertThat(running.taskHandle()).isEqualTo(handle);
        assertThat(running.startedTimestamp()).isEqualTo(clock.millis());
        engine.runMoveTasks();

        List<Message> returned = drain(first);
        assertThat(returned).extracting(Message::body).containsExactlyInAnyOrder("a1", "a2");
        assertThat(drain(second)).extracting(Message::body).containsExactly("b1");
        for (Message message : returned) {
            assertThat(deadIds).doesNotContain(message.messageId());
            assertThat(message.attributes())
                    .containsEntry("ApproximateReceiveCount", "1")
                    .containsEntry("SentTimestamp", Long.toString(clock.millis()))
                    .doesNotContainKey("DeadLetterQueueSourceArn");
        }
        assertThat(visible(dlq)).isZero();
        ListMessageMoveTasksResultEntry done = latest("dlq");
        assertThat(done.status()).isEqualTo("COMPLETED");
        assertThat(done.destinationArn()).isNull();
        assertThat(done.maxNumberOfMessagesPerSecond()).isNull();
        assertThat(done.approximateNumberOfMessagesMoved()).isEqualTo(3);
    }

    @Test
    void aDestinationReceivesEveryMessageAndTheTaskHandleNamesTheTaskAndSource() {
        create("dlq", Map.of());
        String first = createSource("first", "dlq");
        String second = createSource("second", "dlq");
        String destination = create("destination", Map.of());
        deadLetter(first, "a");
        deadLetter(second, "b");

        String handle = startTask("dlq", "destination", null);
        engine.runMoveTasks();

        assertThat(drain(destination)).extracting(Message::body).containsExactlyInAnyOrder("a", "b");
        assertThat(visible(first) + visible(second)).isZero();
        assertThat(new String(Base64.getDecoder().decode(handle), StandardCharsets.UTF_8))
                .matches("\\{\"taskId\":\"[0-9a-f-]{36}\",\"sourceArn\":\"" + ARN + "dlq\"}");
    }

    @Test
    void aFifoTaskKeepsGroupOrderAndBypassesDeduplication() {
        create("dlq.fifo", Map.of("FifoQueue", "true"));
        String source = createSource("source.fifo", "dlq.fifo");
        deadLetter(source, "m0", "m1", "m2");

        // Within five minutes of the sends, the same deduplication ids still enqueue the moved messages.
        startTask("dlq.fifo", null, null);
        engine.runMoveTasks();

        List<Message> returned = drain(source);
        assertThat(returned).extracting(Message::body).containsExactly("m0", "m1", "m2");
        assertThat(returned.getFirst().attributes())
                .containsEntry("MessageGroupId", "g")
                .containsEntry("MessageDeduplicationId", "d-m0");
        assertThat(latest("dlq.fifo").status()).isEqualTo("COMPLETED");
    }

    @Test
    void onlyOneTaskRunsPerSourceQueue() {
        create("dlq", Map.of());
        String source = createSource("source", "dlq");
        create("destination", Map.of());
        deadLetter(source, "a", "b");
        startTask("dlq", "destination", 1);

        assertError(
                () -> startTask("dlq", null, null),
                SqsError.InvalidParameterValueException,
                "There is already a task running. Only one active task is allowed for a source queue arn at a given"
                        + " time.");

        engine.runMoveTasks();
        assertThat(latest("dlq").status()).isEqualTo("RUNNING");
        clock.advance(Duration.ofSeconds(1));
        engine.runMoveTasks();
        assertThat(latest("dlq").status()).isEqualTo("COMPLETED");
        startTask("dlq", null, null);
        assertThat(latest("dlq").status()).isEqualTo("RUNNING");
    }

    @Test
    void cancelStopsARunningTaskAndReportsWhatItMoved() {
        String dlq = create("dlq", Map.of());
        String source = createSource("source", "dlq");
        String destination = create("destination", Map.of());
        deadLetter(source, bodies(5));
        String handle = startTask("dlq", "destination", 1);
        engine.runMoveTasks();

        assertThat(engine.cancelMessageMoveTask(CONTEXT, new CancelMessageMoveTaskRequest(handle))
                        .approximateNumberOfMessagesMoved())
                .isEqualTo(1);
        clock.advance(Duration.ofSeconds(10));
        engine.runMoveTasks();

        assertThat(visible(destination)).isEqualTo(1);
        assertThat(visible(dlq)).isEqualTo(4);
        ListMessageMoveTasksResultEntry cancelled = latest("dlq");
        assertThat(cancelled.status()).isEqualTo("CANCELLED");
        assertThat(cancelled.taskHandle()).isNull();
        assertThat(cancelled.approximateNumberOfMessagesMoved()).isEqualTo(1);
        assertError(
                () -> engine.cancelMessageMoveTask(CONTEXT, new CancelMessageMoveTaskRequest(handle)),
                SqsError.InvalidParameterValueException,
                "Only a task in the RUNNING status can be cancelled.");
    }

    @Test
    void cancelAnswersAwsErrorsForHandlesThatNameNoTask() {
        create("dlq", Map.of());
        assertError(
                () -> engine.cancelMessageMoveTask(CONTEXT, new CancelMessageMoveTaskRequest("foobared")),
                SqsError.InvalidParameterValueException,
                "Value for parameter TaskHandle is invalid.");
        assertError(
                () -> engine.cancelMessageMoveTask(
                        CONTEXT, new CancelMessageMoveTaskRequest(handle("10f57157-fc38-4da9-a113-4de7e12d05dd", "x"))),
                SqsError.ResourceNotFoundException,
                "The resource that you specified for the SourceArn parameter doesn't exist.");
        assertError(
                () -> engine.cancelMessageMoveTask(
                        CONTEXT,
                        new CancelMessageMoveTaskRequest(handle("10f57157-fc38-4da9-a113-4de7e12d05aa", "dlq"))),
                SqsError.ResourceNotFoundException,
                "Task does not exist.");
    }

    private static String handle(String taskId, String queue) {
        String document = "{\"taskId\":\"" + taskId + "\",\"sourceArn\":\"" + ARN + queue + "\"}";
        return Base64.getEncoder().encodeToString(document.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void startChecksItsSourceDestinationAndRate() {
        create("dlq", Map.of());
        createSource("source", "dlq");
        create("plain", Map.of());
        create("other.fifo", Map.of("FifoQueue", "true"));
        assertError(
                () -> startTask("plain", null, null),
                SqsError.InvalidParameterValueException,
                "Source queue must be configured as a Dead Letter Queue.");
        assertError(
                () -> startTask("missing", null, null),
                SqsError.ResourceNotFoundException,
                "The resource that you specified for the SourceArn parameter doesn't exist.");
        assertError(
                () -> startTask("dlq", "missing", null),
                SqsError.ResourceNotFoundException,
                "The resource that you specified for the DestinationArn parameter doesn't exist.");
        assertError(
                () -> startTask("dlq", "dlq", null),
                SqsError.InvalidParameterValueException,
                "Source queue arn and destination queue arn cannot be the same.");
        assertError(
                () -> startTask("dlq", "other.fifo", null),
                SqsError.InvalidParameterValueException,
                "The destination queue must be of the same type as the source queue.");
        for (int rate : new int[] {0, 501}) {
            assertError(
                    () -> startTask("dlq", null, rate),
                    SqsError.InvalidParameterValueException,
                    "Value for parameter MaxNumberOfMessagesPerSecond is invalid. Reason: You must enter a number"
                            + " that's between 1 and 500.");
        }
        assertThatThrownBy(() -> engine.startMessageMoveTask(
                        new SqsContext("111111111111", "http://localhost:4566"),
                        new StartMessageMoveTaskRequest(ARN + "dlq", null, null)))
                .isInstanceOfSatisfying(
                        AwsException.class, e -> assertThat(e.code()).isEqualTo(SqsError.ResourceNotFoundException));
        assertThat(tasks("dlq", 10)).isEmpty();
    }

    @Test
    void deletingTheDestinationFailsTheTask() {
        String dlq = create("dlq", Map.of());
        String source = createSource("source", "dlq");
        String destination = create("destination", Map.of());
        deadLetter(source, bodies(5));
        startTask("dlq", "destination", 1);
        engine.runMoveTasks();

        engine.deleteQueue(CONTEXT, new DeleteQueueRequest(destination));
        clock.advance(Duration.ofSeconds(1));
        engine.runMoveTasks();

        ListMessageMoveTasksResultEntry failed = latest("dlq");
        assertThat(failed.status()).isEqualTo("FAILED");
        assertThat(failed.failureReason()).isEqualTo("AWS.SimpleQueueService.NonExistentQueue");
        assertThat(failed.approximateNumberOfMessagesMoved()).isEqualTo(1);
        assertThat(visible(dlq)).isEqualTo(4);
        restart();
        assertThat(latest("dlq").status()).isEqualTo("FAILED");
    }

    @Test
    void deletingTheOriginalSourceFailsATaskThatReturnsMessages() {
        String dlq = create("dlq", Map.of());
        String source = createSource("source", "dlq");
        deadLetter(source, "a");
        startTask("dlq", null, null);
        engine.deleteQueue(CONTEXT, new DeleteQueueRequest(source));
        engine.runMoveTasks();

        assertThat(latest("dlq").status()).isEqualTo("FAILED");
        assertThat(latest("dlq").failureReason()).isEqualTo("AWS.SimpleQueueService.NonExistentQueue");
        assertThat(visible(dlq)).isEqualTo(1);
    }

    @Test
    void aRunningTaskResumesAfterARestart() {
        String dlq = create("dlq", Map.of());
        String source = createSource("source", "dlq");
        String destination = create("destination", Map.of());
        deadLetter(source, bodies(5));
        startTask("dlq", "destination", 2);
        engine.runMoveTasks();
        assertThat(visible(destination)).isEqualTo(2);

        restart();
        ListMessageMoveTasksResultEntry resumed = latest("dlq");
        assertThat(resumed.status()).isEqualTo("RUNNING");
        assertThat(resumed.approximateNumberOfMessagesMoved()).isEqualTo(2);
        engine.runMoveTasks();
        assertThat(visible(destination)).isEqualTo(4);
        clock.advance(Duration.ofSeconds(1));
        engine.runMoveTasks();

        assertThat(visible(destination)).isEqualTo(5);
        assertThat(visible(dlq)).isZero();
        assertThat(latest("dlq").status()).isEqualTo("COMPLETED");
        assertThat(latest("dlq").approximateNumberOfMessagesMoved()).isEqualTo(5);
        restart();
        assertThat(latest("dlq").status()).isEqualTo("COMPLETED");
    }

    @Test
    void messagesThatArriveAfterTheStartStayInTheDeadLetterQueue() {
        String dlq = create("dlq", Map.of());
        String source = createSource("source", "dlq");
        String destination = create("destination", Map.of());
        deadLetter(source, "early1", "early2");
        startTask("dlq", "destination", 1);
        deadLetter(source, "late");

        for (int i = 0; i < 3; i++) {
            engine.runMoveTasks();
            clock.advance(Duration.ofSeconds(1));
        }

        assertThat(drain(destination)).extracting(Message::body).containsExactlyInAnyOrder("early1", "early2");
        assertThat(drain(dlq)).extracting(Message::body).containsExactly("late");
        assertThat(latest("dlq").status()).isEqualTo("COMPLETED");
        assertThat(latest("dlq").approximateNumberOfMessagesToMove()).isEqualTo(2);
    }

    @Test
    void aMessageInFlightInTheDeadLetterQueueMovesOnceItIsVisibleAgain() {
        String dlq = create("dlq", Map.of());
        String source = createSource("source", "dlq");
        String destination = create("destination", Map.of());
        deadLetter(source, "a", "b");
        assertThat(engine.receiveMessage(CONTEXT, ReceiveMessageRequest.of(dlq, 1))
                        .messages())
                .hasSize(1);
        startTask("dlq", "destination", null);

        engine.runMoveTasks();
        assertThat(visible(destination)).isEqualTo(1);
        assertThat(latest("dlq").status()).isEqualTo("RUNNING");

        clock.advance(Duration.ofSeconds(31));
        engine.runMoveTasks();
        assertThat(visible(destination)).isEqualTo(2);
        assertThat(latest("dlq").status()).isEqualTo("COMPLETED");
    }

    @Test
    void aPurgeOfTheDeadLetterQueueKeepsItsTasks() {
        String dlq = create("dlq", Map.of());
        String source = createSource("source", "dlq");
        create("destination", Map.of());
        deadLetter(source, bodies(3));
        startTask("dlq", "destination", 1);
        engine.runMoveTasks();

        engine.purgeQueue(CONTEXT, new PurgeQueueRequest(dlq));
        clock.advance(Duration.ofSeconds(1));
        engine.runMoveTasks();
        assertThat(latest("dlq").status()).isEqualTo("COMPLETED");
        assertThat(latest("dlq").approximateNumberOfMessagesMoved()).isEqualTo(1);

        restart();
        assertThat(latest("dlq").status()).isEqualTo("COMPLETED");
    }

    @Test
    @Timeout(30)
    void theBackgroundRunnerMovesMessagesAndResumesAfterARestart() {
        String dlq = create("dlq", Map.of());
        String source = createSource("source", "dlq");
        String destination = create("destination", Map.of());
        deadLetter(source, bodies(3));
        engine = new SqsEngine(storage, clock, "us-east-1");
        startTask("dlq", "destination", 2);

        // The fake clock stands still, so the runner moves one second's worth and then waits; a long poll wakes as
        // the messages arrive.
        assertThat(longPoll(destination)).hasSize(2);
        assertThat(latest("dlq").approximateNumberOfMessagesMoved()).isEqualTo(2);

        engine.stopMoveTasks();
        engine = new SqsEngine(storage, clock, "us-east-1");
        assertThat(longPoll(destination)).extracting(Message::body).containsExactly("m2");
        assertThat(visible(dlq)).isZero();
        engine.stopMoveTasks();
    }

    private List<Message> longPoll(String url) {
        return engine.receiveMessage(
                        CONTEXT, new ReceiveMessageRequest(url, null, List.of("All"), null, 10, null, 20, null))
                .messages();
    }

    @Test
    void listShowsTheMostRecentTasksFirstAndKeepsTen() {
        create("dlq", Map.of());
        createSource("source", "dlq");
        for (int i = 0; i < 12; i++) {
            startTask("dlq", null, i + 1);
            engine.runMoveTasks();
            clock.advance(Duration.ofSeconds(1));
        }

        assertThat(tasks("dlq", null))
                .extracting(ListMessageMoveTasksResultEntry::maxNumberOfMessagesPerSecond)
                .containsExactly(12);
        assertThat(tasks("dlq", 3))
                .extracting(ListMessageMoveTasksResultEntry::maxNumberOfMessagesPerSecond)
                .containsExactly(12, 11, 10);
        assertThat(tasks("dlq", 10)).hasSize(10).allMatch(task -> task.status().equals("COMPLETED"));
        restart();
        assertThat(tasks("dlq", 10))
                .extracting(ListMessageMoveTasksResultEntry::maxNumberOfMessagesPerSecond)
                .containsExactly(12, 11, 10, 9, 8, 7, 6, 5, 4, 3);

        for (int maxResults : new int[] {0, 11}) {
            assertError(
                    () -> tasks("dlq", maxResults),
                    SqsError.InvalidParameterValueException,
                    "Value for parameter MaxResults is invalid. Reason: You must enter a number that's between 1"
                            + " and 10.");
        }
        assertError(
                () -> tasks("missing", null),
                SqsError.ResourceNotFoundException,
                "The resource that you specified for the SourceArn parameter doesn't exist.");
    }
}
