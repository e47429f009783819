package dev.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.server.WharfServer;
import dev.wharf.storage.DurabilityMode;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * The scale figures of the SQS standard-queue issue, measured against an in-process server with the embedded store.
 * Each test prints one {@code SCALE} line; run by hand: {@code ./mvnw -pl wharf-it verify -Dit.test=SqsScaleIT
 * -Dgroups=scale -Dwharf.excludedGroups=none}.
 */
@Tag("scale")
class SqsScaleIT {

    private static final int BACKLOG = Integer.getInteger("wharf.scale.backlog", 1_000_000);
    private static final int QUEUES = 10_000;
    private static final int LONG_POLLS = 2_000;

    static WharfServer start(Path dataDir, DurabilityMode mode) throws Exception {
        return LocalWharf.start(dataDir, mode);
    }

    static long heapUsedAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static void report(String line) {
        System.out.println("SCALE " + line);
    }

    @Test
    void millionMessageBacklogCostsLittleHeapAndRestartsQuickly(@TempDir Path dataDir) throws Exception {
        WharfServer server = start(dataDir, DurabilityMode.RELAXED);
        String body = "x".repeat(1024);
        String url;
        long before;
        try (SqsClient sqs = RestartIT.client(URI.create(server.endpoint()))) {
            url = sqs.createQueue(b -> b.queueName("backlog")).queueUrl();
            before = heapUsedAfterGc();
            ExecutorService senders = Executors.newFixedThreadPool(8);
            List<Future<?>> done = new ArrayList<>();
            int batches = BACKLOG / 10;
            for (int t = 0; t < 8; t++) {
                int thread = t;
                done.add(senders.submit(() -> {
                    List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
                    for (int i = 0; i < 10; i++) {
                        entries.add(SendMessageBatchRequestEntry.builder()
                                .id("e" + i)
                                .messageBody(body)
                                .build());
                    }
                    for (int n = thread; n < batches; n += 8) {
                        sqs.sendMessageBatch(b -> b.queueUrl(url).entries(entries));
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get(30, TimeUnit.MINUTES);
            }
            senders.shutdown();
            long after = heapUsedAfterGc();
            report(String.format(
                    "backlog=%d heap_bytes_per_message=%.1f", BACKLOG, (after - before) / (double) BACKLOG));
        } finally {
            server.close();
        }
        long start = System.nanoTime();
        WharfServer restarted = start(dataDir, DurabilityMode.RELAXED);
        long restartMillis = (System.nanoTime() - start) / 1_000_000;
        try (SqsClient sqs = RestartIT.client(URI.create(restarted.endpoint()))) {
            String count = sqs.getQueueAttributes(b -> b.queueUrl(url.replaceAll("http://[^/]+", restarted.endpoint()))
                            .attributeNamesWithStrings("ApproximateNumberOfMessages"))
                    .attributesAsStrings()
                    .get("ApproximateNumberOfMessages");
            report("backlog=" + BACKLOG + " restart_millis=" + restartMillis + " messages_after_restart=" + count);
            assertThat(count).isEqualTo(Integer.toString(BACKLOG));
        } finally {
            restarted.close();
        }
    }

    @Test
    void tenThousandQueues(@TempDir Path dataDir) throws Exception {
        WharfServer server = start(dataDir, DurabilityMode.SYNC);
        try (SqsClient sqs = RestartIT.client(URI.create(server.endpoint()))) {
            long before = heapUsedAfterGc();
            long start = System.nanoTime();
            ExecutorService creators = Executors.newVirtualThreadPerTaskExecutor();
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                int thread = t;
                done.add(creators.submit(() -> {
                    for (int n = thread; n < QUEUES; n += 16) {
                        int q = n;
                        sqs.createQueue(b -> b.queueName("many-" + q));
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get(10, TimeUnit.MINUTES);
            }
            long createMillis = (System.nanoTime() - start) / 1_000_000;
            long after = heapUsedAfterGc();
            int listed =
                    sqs.listQueues(b -> b.queueNamePrefix("many-")).queueUrls().size();
            report(String.format(
                    "queues=%d create_millis=%d heap_bytes_per_queue=%.0f list_first_page=%d",
                    QUEUES, createMillis, (after - before) / (double) QUEUES, listed));
            assertThat(listed).isEqualTo(1000);
        } finally {
            server.close();
        }
        long start = System.nanoTime();
        WharfServer restarted = start(dataDir, DurabilityMode.SYNC);
        report("queues=" + QUEUES + " restart_millis=" + (System.nanoTime() - start) / 1_000_000);
        restarted.close();
    }

    @Test
    void twoThousandConcurrentLongPolls(@TempDir Path dataDir) throws Exception {
        WharfServer server = start(dataDir, DurabilityMode.RELAXED);
        int platformBefore = ManagementFactory.getThreadMXBean().getThreadCount();
        HttpClient http = HttpClient.newBuilder()
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        try (SqsClient sqs = RestartIT.client(URI.create(server.endpoint()))) {
            String url = sqs.createQueue(b -> b.queueName("polled")).queueUrl();
            List<CompletableFuture<HttpResponse<String>>> polls = new ArrayList<>();
            for (int i = 0; i < LONG_POLLS; i++) {
                polls.add(http.sendAsync(receive(server.endpoint(), url), HttpResponse.BodyHandlers.ofString()));
            }
            Thread.sleep(3_000);
            int platformDuring = ManagementFactory.getThreadMXBean().getThreadCount();
            long start = System.nanoTime();
            for (int i = 0; i < LONG_POLLS / 10; i++) {
                List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
                for (int e = 0; e < 10; e++) {
                    entries.add(SendMessageBatchRequestEntry.builder()
                            .id("e" + e)
                            .messageBody("m")
                            .build());
                }
                sqs.sendMessageBatch(b -> b.queueUrl(url).entries(entries));
            }
            int withMessage = 0;
            for (CompletableFuture<HttpResponse<String>> poll : polls) {
                HttpResponse<String> response = poll.get(60, TimeUnit.SECONDS);
                assertThat(response.statusCode()).isEqualTo(200);
                if (response.body().contains("\"Messages\"")) {
                    withMessage++;
                }
            }
            long wakeMillis = (System.nanoTime() - start) / 1_000_000;
            report("long_polls=" + LONG_POLLS + " answered_with_message=" + withMessage + " all_answered_millis="
                    + wakeMillis + " jvm_threads_before=" + platformBefore + " jvm_threads_while_waiting="
                    + platformDuring);
            assertThat(withMessage).isEqualTo(LONG_POLLS);
        } finally {
            server.close();
        }
    }

    /** A ReceiveMessage long poll with a well-formed signature, which a server without credentials accepts. */
    private static HttpRequest receive(String endpoint, String url) {
        return HttpRequest.newBuilder(URI.create(endpoint))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", "AmazonSQS.ReceiveMessage")
                .header("X-Amz-Date", "20260101T000000Z")
                .header(
                        "Authorization",
                        "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/sqs/aws4_request, "
                                + "SignedHeaders=host;x-amz-date, Signature=00")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"QueueUrl\":\"" + url + "\",\"WaitTimeSeconds\":20,\"MaxNumberOfMessages\":1}"))
                .build();
    }
}
