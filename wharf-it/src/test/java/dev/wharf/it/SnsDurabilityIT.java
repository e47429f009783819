package dev.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Kills a real Wharf process with SIGKILL while publishers publish to a topic that fans out to several queues, raw and
 * enveloped, and to an HTTP endpoint that fails a fifth of its requests, then restarts it: every acknowledged publish
 * is in every queue, and reaches the endpoint, at least once.
 */
class SnsDurabilityIT {

    private static final int PUBLISHERS = 4;
    private static final int QUEUES = 3;
    private static final Duration LOAD = Duration.ofSeconds(4);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PATH = "/durable";
    /** The messages that the HTTP endpoint took (answered 200), across both processes. */
    private static final Set<String> DELIVERED = ConcurrentHashMap.newKeySet();

    private static SnsClient sns(URI endpoint) {
        return SnsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(ApacheHttpClient.create())
                .build();
    }

    @Test
    void everyAcknowledgedPublishReachesEveryQueueAndTheHttpEndpointAfterSigkill(@TempDir Path dataDir)
            throws Exception {
        try (SnsReceiver endpoint = SnsReceiver.http()) {
            run(dataDir, endpoint);
        }
    }

    private void run(Path dataDir, SnsReceiver endpoint) throws Exception {
        RestartIT.Wharf first = RestartIT.start(dataDir);
        String topic;
        try (SnsClient sns = sns(first.endpoint());
                SqsClient sqs = RestartIT.client(first.endpoint())) {
            String created = sns.createTopic(b -> b.name("durable-fanout")).topicArn();
            topic = created;
            for (int q = 0; q < QUEUES; q++) {
                int n = q;
                sqs.createQueue(b -> b.queueName("fanout-" + n));
                sns.subscribe(b -> b.topicArn(created)
                        .protocol("sqs")
                        .endpoint("arn:aws:sqs:us-east-1:000000000000:fanout-" + n)
                        .attributes(Map.of("RawMessageDelivery", Boolean.toString(n % 2 == 0))));
            }
            subscribeEndpoint(sns, created, endpoint);
        }
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> publishers = new ArrayList<>();
        for (int p = 0; p < PUBLISHERS; p++) {
            int publisher = p;
            publishers.add(Thread.ofPlatform()
                    .start(() -> publish(first.endpoint(), topic, publisher, running, acknowledged)));
        }
        Thread.sleep(LOAD.toMillis());
        first.process().destroyForcibly();
        assertThat(first.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        running.set(false);
        for (Thread publisher : publishers) {
            publisher.join(TimeUnit.SECONDS.toMillis(30));
        }
        assertThat(acknowledged).as("publishes acknowledged before the kill").hasSizeGreaterThan(100);

        RestartIT.Wharf second = RestartIT.start(dataDir);
        try (SqsClient sqs = RestartIT.client(second.endpoint())) {
            for (int q = 0; q < QUEUES; q++) {
                String url = second.endpoint() + "/000000000000/fanout-" + q;
                Set<String> missing = new HashSet<>(acknowledged);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (!missing.isEmpty() && System.nanoTime() < deadline) {
                    List<Message> batch = sqs.receiveMessage(
                                    b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1))
                            .messages();
                    for (Message message : batch) {
                        missing.remove(bodyOf(message.body(), q % 2 == 0));
                        sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(message.receiptHandle()));
                    }
                }
                assertThat(missing)
                        .as("acknowledged publishes missing from queue fanout-%d", q)
                        .isEmpty();
            }
            assertThat(awaitAll(acknowledged))
                    .as("acknowledged publishes that never reached the HTTP endpoint")
                    .isEmpty();
        } finally {
            second.process().destroy();
            second.process().waitFor(30, TimeUnit.SECONDS);
        }
    }

    /**
     * Subscribes the endpoint with a short retry policy and confirms it, then makes it fail a fifth of the
     * notifications, so that retries are under way when the process dies.
     */
    private static void subscribeEndpoint(SnsClient sns, String topic, SnsReceiver endpoint) throws Exception {
        sns.subscribe(b -> b.topicArn(topic)
                .protocol("http")
                .endpoint(endpoint.url(PATH))
                .attributes(Map.of(
                        "DeliveryPolicy",
                        "{\"healthyRetryPolicy\":{\"minDelayTarget\":1,\"maxDelayTarget\":1,\"numRetries\":30}}")));
        String subscribeUrl = endpoint.first(PATH, "SubscriptionConfirmation")
                .json()
                .path("SubscribeURL")
                .asText();
        HttpResponse<String> confirmed = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(subscribeUrl)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(confirmed.statusCode()).isEqualTo(200);
        java.util.concurrent.atomic.AtomicLong answered = new java.util.concurrent.atomic.AtomicLong();
        endpoint.script(PATH, request -> {
            if (answered.incrementAndGet() % 5 == 0) {
                return 503;
            }
            DELIVERED.add(request.json().path("Message").asText());
            return 200;
        });
    }

    /** Waits until the endpoint has taken every acknowledged message; returns those it has not. */
    private static Set<String> awaitAll(Set<String> acknowledged) throws InterruptedException {
        Set<String> missing = new HashSet<>(acknowledged);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!missing.isEmpty() && System.nanoTime() < deadline) {
            // Only what the endpoint answered 200 counts: it failed every fifth request on purpose.
            missing.removeAll(DELIVERED);
            if (!missing.isEmpty()) {
                Thread.sleep(200);
            }
        }
        return missing;
    }

    private static String bodyOf(String body, boolean raw) {
        if (raw) {
            return body;
        }
        try {
            return JSON.readTree(body).path("Message").asText();
        } catch (java.io.IOException e) {
            throw new AssertionError("not a notification document: " + body, e);
        }
    }

    private static void publish(
            URI endpoint, String topic, int publisher, AtomicBoolean running, Set<String> acknowledged) {
        try (SnsClient sns = sns(endpoint)) {
            for (int i = 0; running.get(); i++) {
                String message = publisher + "-" + i;
                try {
                    sns.publish(b -> b.topicArn(topic).message(message));
                    acknowledged.add(message);
                } catch (RuntimeException e) {
                    return;
                }
            }
        }
    }
}
