package dev.wharf.sns.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.common.CommonError;
import dev.wharf.sns.api.CreateTopicRequest;
import dev.wharf.sns.api.PublishRequest;
import dev.wharf.sns.api.SnsContext;
import dev.wharf.sns.api.SubscribeRequest;
import dev.wharf.sns.engine.message.SigningKeys;
import dev.wharf.sqs.api.CreateQueueRequest;
import dev.wharf.sqs.api.Message;
import dev.wharf.sqs.api.QueueDelivery;
import dev.wharf.sqs.api.QueueDeliveryPort;
import dev.wharf.sqs.api.ReceiveMessageRequest;
import dev.wharf.sqs.api.SendMessageResult;
import dev.wharf.sqs.api.SqsContext;
import dev.wharf.sqs.engine.SqsEngine;
import dev.wharf.storage.DeliveryBatch;
import dev.wharf.storage.DeliveryStore;
import dev.wharf.storage.MemoryStorageEngine;
import dev.wharf.storage.PendingCommit;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * SNS's SQS deliveries around the outbox: a delivery that succeeds at once never touches it, and one that fails on the
 * server's side is written to it before Publish answers and retried, within the run and after a restart.
 */
class SnsQueueRetryTest {

    private static final String ACCOUNT = "000000000000";
    private static final String ENDPOINT = "http://localhost:4566";
    private static final SnsContext CONTEXT = new SnsContext(ACCOUNT, ENDPOINT);
    private static final SqsContext QUEUES = new SqsContext(ACCOUNT, ENDPOINT);
    private static final SigningKeys KEYS = SigningKeys.ephemeral(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
    private static final Duration WAIT = Duration.ofSeconds(10);

    /** The real SQS engine behind a port that fails the first deliveries to one queue, as a broken store would. */
    private static final class FlakyQueues implements QueueDeliveryPort {
        final QueueDeliveryPort queues;
        final String failing;
        final AtomicInteger failuresLeft;

        FlakyQueues(QueueDeliveryPort queues, String failingQueueArn, int failures) {
            this.queues = queues;
            this.failing = failingQueueArn;
            this.failuresLeft = new AtomicInteger(failures);
        }

        @Override
        public SendMessageResult deliver(QueueDelivery delivery) {
            if (delivery.queueArn().equals(failing) && failuresLeft.getAndDecrement() > 0) {
                throw CommonError.SERVICE_UNAVAILABLE.with("the queue's store is unavailable");
            }
            return queues.deliver(delivery);
        }
    }

    /** The outbox's store, counting the batches written to it. */
    private static final class CountingStore implements DeliveryStore {
        final DeliveryStore store;
        final AtomicInteger writes = new AtomicInteger();

        CountingStore(DeliveryStore store) {
            this.store = store;
        }

        @Override
        public PendingCommit submit(DeliveryBatch batch) {
            writes.incrementAndGet();
            return store.submit(batch);
        }

        @Override
        public void scanDeliveries(DeliveryVisitor visitor) {
            store.scanDeliveries(visitor);
        }

        @Override
        public byte @Nullable [] readMessage(long sequence) {
            return store.readMessage(sequence);
        }

        @Override
        public long lastSequence() {
            return store.lastSequence();
        }
    }

    private final MemoryStorageEngine storage = new MemoryStorageEngine();
    private final Clock clock = Clock.systemUTC();
    private final SqsEngine sqs = new SqsEngine(storage.queues(), clock, "us-east-1");
    private final CountingStore outbox = new CountingStore(storage.deliveries());
    private final List<SnsEngine> engines = new ArrayList<>();

    private SnsEngine open(QueueDeliveryPort queues) {
        SnsEngine engine = new SnsEngine(storage.topics(), outbox, storage.archive(), queues, KEYS, clock, "us-east-1");
        engines.add(engine);
        return engine;
    }

    @AfterEach
    void close() {
        engines.forEach(SnsEngine::close);
    }

    private String queue(String name) {
        sqs.createQueue(QUEUES, new CreateQueueRequest(name, null, null));
        return "arn:aws:sqs:us-east-1:" + ACCOUNT + ":" + name;
    }

    private List<Message> receive(String name) {
        return sqs.receiveMessage(QUEUES, ReceiveMessageRequest.of(ENDPOINT + "/" + ACCOUNT + "/" + name, 10))
                .messages();
    }

    private static String fanOut(SnsEngine sns, String... queueArns) {
        String topic = Objects.requireNonNull(sns.createTopic(CONTEXT, new CreateTopicRequest("fan", null, null, null))
                .topicArn());
        for (String queueArn : queueArns) {
            sns.subscribe(
                    CONTEXT, new SubscribeRequest(topic, "sqs", queueArn, Map.of("RawMessageDelivery", "true"), null));
        }
        return topic;
    }

    private static void publish(SnsEngine sns, String topic, String message) {
        sns.publish(CONTEXT, new PublishRequest(topic, null, null, message, null, null, Map.of(), null, null));
    }

    private List<Long> outboxRecords() {
        List<Long> records = new ArrayList<>();
        outbox.scanDeliveries((sequence, target, value) -> records.add(sequence));
        return records;
    }

    private void awaitMessage(String queue, String body) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            List<Message> received = receive(queue);
            if (!received.isEmpty()) {
                assertThat(received).extracting(Message::body).containsExactly(body);
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no message in " + queue + " within " + WAIT);
    }

    @Test
    void deliveriesThatSucceedAtOnceNeverTouchTheOutbox() {
        SnsEngine sns = open(sqs);
        String topic = fanOut(sns, queue("a"), queue("b"), queue("c"));
        int before = outbox.writes.get();

        publish(sns, topic, "to three queues");

        assertThat(outbox.writes.get()).isEqualTo(before);
        for (String name : List.of("a", "b", "c")) {
            assertThat(receive(name)).extracting(Message::body).containsExactly("to three queues");
        }
    }

    @Test
    void aQueueThatFailsOnTheServersSideIsRetriedFromTheOutbox() throws Exception {
        String failing = queue("failing");
        // The first attempt and AWS's three immediate retries fail; the retry a second later succeeds.
        SnsEngine sns = open(new FlakyQueues(sqs, failing, 4));
        String topic = fanOut(sns, queue("healthy"), failing);

        publish(sns, topic, "eventually everywhere");

        assertThat(receive("healthy")).extracting(Message::body).containsExactly("eventually everywhere");
        assertThat(outboxRecords())
                .as("only the failed delivery waits in the outbox")
                .hasSize(1);
        awaitMessage("failing", "eventually everywhere");
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!outboxRecords().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(outboxRecords()).isEmpty();
    }

    @Test
    void aDeliveryWaitingForItsRetryIsMadeAfterARestart() throws Exception {
        String failing = queue("down");
        SnsEngine first = open(new FlakyQueues(sqs, failing, Integer.MAX_VALUE));
        String topic = fanOut(first, failing);
        publish(first, topic, "survives the restart");
        assertThat(outboxRecords()).hasSize(1);
        first.close();
        engines.remove(first);

        SnsEngine second = open(sqs);
        second.awaitRecovery();

        assertThat(receive("down")).extracting(Message::body).containsExactly("survives the restart");
        assertThat(outboxRecords()).isEmpty();
    }
}
