package dev.wharf.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * The scenarios driven by the AWS SDK for Java v2 ({@link SqsClient} on the Apache HTTP client), one platform thread
 * per connection in a closed loop: what an application sees, with the SDK's own cost on the generator's side.
 */
final class SdkScenarios implements AutoCloseable {

    private final Options options;
    private final SqsClient sqs;
    private final Meter meter = new Meter();
    private final String runId = Long.toString(System.nanoTime() % 100_000_000L, 36);

    SdkScenarios(Options options) {
        this.options = options;
        this.sqs = SqsClient.builder()
                .endpointOverride(options.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(ApacheHttpClient.builder()
                        .maxConnections(options.connections())
                        .connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(30)))
                .build();
    }

    /** One closed-loop step; returns the messages it handled. */
    private interface Step {
        int run();
    }

    Meter.Measurement run() throws Exception {
        String queueUrl = sqs.createQueue(b -> b.queueName("bench-sdk-" + options.scenario() + "-" + runId)
                        .attributesWithStrings(java.util.Map.of("VisibilityTimeout", "600")))
                .queueUrl();
        String body = SqsRequests.body(options.bodyBytes());
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < options.batchSize(); i++) {
            entries.add(SendMessageBatchRequestEntry.builder()
                    .id("m" + i)
                    .messageBody(body)
                    .build());
        }
        Step sendBatch = () -> options.batchSize()
                - sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries))
                        .failed()
                        .size();
        return switch (options.scenario()) {
            case "send-batch" -> loop(sendBatch, () -> false);
            case "single-send" ->
                loop(
                        () -> {
                            sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body));
                            return 1;
                        },
                        () -> false);
            case "receive-delete" -> receiveDelete(queueUrl, sendBatch);
            default -> throw new LightScenarios.Unsupported("the sdk mode has no " + options.scenario());
        };
    }

    private Meter.Measurement receiveDelete(String queueUrl, Step sendBatch) throws Exception {
        long deadline = System.nanoTime() + (long) (options.prefillSeconds() * 1e9);
        AtomicLong prefilled = new AtomicLong();
        List<Thread> fillers = new ArrayList<>();
        for (int i = 0; i < options.connections(); i++) {
            fillers.add(Thread.ofPlatform().start(() -> {
                while (System.nanoTime() < deadline && prefilled.get() < options.prefillMax()) {
                    prefilled.addAndGet(sendBatch.run());
                }
            }));
        }
        for (Thread filler : fillers) {
            filler.join();
        }
        AtomicLong deleted = new AtomicLong();
        return loop(
                () -> {
                    List<Message> messages = sqs.receiveMessage(b ->
                                    b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1))
                            .messages();
                    if (messages.isEmpty()) {
                        return 0;
                    }
                    List<DeleteMessageBatchRequestEntry> deletes = new ArrayList<>();
                    for (Message message : messages) {
                        deletes.add(DeleteMessageBatchRequestEntry.builder()
                                .id("d" + deletes.size())
                                .receiptHandle(message.receiptHandle())
                                .build());
                    }
                    int done = deletes.size()
                            - sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(deletes))
                                    .failed()
                                    .size();
                    deleted.addAndGet(done);
                    return done;
                },
                () -> deleted.get() >= prefilled.get());
    }

    private Meter.Measurement loop(Step step, java.util.function.BooleanSupplier done) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < options.connections(); i++) {
            threads.add(Thread.ofPlatform().daemon().start(() -> {
                while (running.get() && !done.getAsBoolean()) {
                    long start = System.nanoTime();
                    try {
                        int handled = step.run();
                        meter.record(System.nanoTime() - start, handled);
                    } catch (RuntimeException e) {
                        meter.error(e.toString());
                    }
                }
            }));
        }
        try {
            return meter.measure(options.warmupSeconds(), options.seconds(), options.serverProbe(), done);
        } finally {
            running.set(false);
            for (Thread thread : threads) {
                thread.join(35_000);
            }
        }
    }

    @Override
    public void close() {
        sqs.close();
    }
}
