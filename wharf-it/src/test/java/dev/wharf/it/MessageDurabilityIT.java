package dev.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Kills a real Wharf process with SIGKILL while clients send, receive and delete, then restarts it: every acknowledged
 * send is still there unless its delete was acknowledged, and no acknowledged delete comes back.
 */
class MessageDurabilityIT {

    private static final int PRODUCERS = 3;
    private static final int CONSUMERS = 2;
    private static final Duration LOAD = Duration.ofSeconds(4);
    /** Short, so that messages received but not deleted before the kill are visible again soon after the restart. */
    private static final int VISIBILITY_SECONDS = 2;

    @Test
    void acknowledgedSendsAndDeletesSurviveSigkill(@TempDir Path dataDir) throws Exception {
        Set<String> sent = ConcurrentHashMap.newKeySet();
        Set<String> deleted = ConcurrentHashMap.newKeySet();
        // A delete under way at the kill may have been applied without its answer: that message may be gone.
        Set<String> deleting = ConcurrentHashMap.newKeySet();
        AtomicBoolean running = new AtomicBoolean(true);
        RestartIT.Wharf first = RestartIT.start(dataDir);
        List<Thread> clients = new ArrayList<>();
        String url;
        try (SqsClient admin = RestartIT.client(first.endpoint())) {
            url = admin.createQueue(b -> b.queueName("durable")
                            .attributesWithStrings(
                                    java.util.Map.of("VisibilityTimeout", Integer.toString(VISIBILITY_SECONDS))))
                    .queueUrl();
        }
        for (int p = 0; p < PRODUCERS; p++) {
            int producer = p;
            clients.add(Thread.ofPlatform().start(() -> produce(first, url, producer, running, sent)));
        }
        for (int c = 0; c < CONSUMERS; c++) {
            clients.add(Thread.ofPlatform().start(() -> consume(first, url, running, deleting, deleted)));
        }
        Thread.sleep(LOAD.toMillis());
        first.process().destroyForcibly();
        assertThat(first.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        running.set(false);
        for (Thread client : clients) {
            client.join(TimeUnit.SECONDS.toMillis(30));
        }
        assertThat(sent).as("sends acknowledged before the kill").hasSizeGreaterThan(100);
        assertThat(deleted).as("deletes acknowledged before the kill").isNotEmpty();
        Set<String> unanswered = new HashSet<>(deleting);
        unanswered.removeAll(deleted);
        assertThat(unanswered)
                .as("each consumer has at most one delete under way at the kill")
                .hasSizeLessThanOrEqualTo(CONSUMERS);

        RestartIT.Wharf second = RestartIT.start(dataDir);
        try (SqsClient sqs = RestartIT.client(second.endpoint())) {
            Set<String> remaining = drain(
                    sqs,
                    url.replace(first.endpoint().toString(), second.endpoint().toString()));
            Set<String> lost = new HashSet<>(sent);
            lost.removeAll(remaining);
            lost.removeAll(deleting);
            assertThat(lost)
                    .as("acknowledged sends that are gone without an acknowledged delete")
                    .isEmpty();
            Set<String> resurrected = new HashSet<>(deleted);
            resurrected.retainAll(remaining);
            assertThat(resurrected).as("acknowledged deletes that came back").isEmpty();
        } finally {
            second.process().destroy();
            second.process().waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static void produce(
            RestartIT.Wharf wharf, String url, int producer, AtomicBoolean running, Set<String> sent) {
        try (SqsClient sqs = RestartIT.client(wharf.endpoint())) {
            for (int n = 0; running.get() && n < 100_000; n++) {
                String body = "p" + producer + "-" + n;
                try {
                    if (n % 2 == 0) {
                        sqs.sendMessage(b -> b.queueUrl(url).messageBody(body));
                        sent.add(body);
                    } else {
                        sqs.sendMessageBatch(
                                b -> b.queueUrl(url).entries(e -> e.id("a").messageBody(body + "a"), e -> e.id("b")
                                        .messageBody(body + "b")));
                        sent.add(body + "a");
                        sent.add(body + "b");
                    }
                } catch (RuntimeException e) {
                    return; // The server was killed: this send was not acknowledged.
                }
            }
        }
    }

    private static void consume(
            RestartIT.Wharf wharf, String url, AtomicBoolean running, Set<String> deleting, Set<String> deleted) {
        try (SqsClient sqs = RestartIT.client(wharf.endpoint())) {
            while (running.get()) {
                try {
                    List<Message> messages = sqs.receiveMessage(
                                    b -> b.queueUrl(url).maxNumberOfMessages(10))
                            .messages();
                    for (Message message : messages) {
                        deleting.add(message.body());
                        sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(message.receiptHandle()));
                        deleted.add(message.body());
                    }
                } catch (RuntimeException e) {
                    return;
                }
            }
        }
    }

    private static Set<String> drain(SqsClient sqs, String url) throws InterruptedException {
        Thread.sleep(TimeUnit.SECONDS.toMillis(VISIBILITY_SECONDS + 1));
        Set<String> bodies = new HashSet<>();
        int empty = 0;
        for (int round = 0; round < 100_000 && empty < 2; round++) {
            List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(url)
                            .maxNumberOfMessages(10)
                            .waitTimeSeconds(1)
                            .visibilityTimeout(600))
                    .messages();
            empty = messages.isEmpty() ? empty + 1 : 0;
            messages.forEach(message -> bodies.add(message.body()));
        }
        return bodies;
    }
}
