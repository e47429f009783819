package dev.wharf.sns.engine;

import dev.wharf.common.AwsException;
import dev.wharf.firehose.api.RecordPutPort;
import dev.wharf.sns.engine.delivery.RetrySchedule;
import dev.wharf.sqs.api.QueueDelivery;
import dev.wharf.sqs.api.QueueDeliveryPort;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers outbox messages to their subscriptions and takes each delivery out of the outbox once it is done: delivered,
 * given up after its retries, or moved to the subscription's dead-letter queue.
 *
 * <p>SQS deliveries run within the publish, in parallel on virtual threads, so that a message is receivable from every
 * subscribed queue when Publish answers; their store commits share fsync groups. Their first attempt comes before the
 * outbox: a queue's own commit makes its copy durable, so only a delivery that fails on the server's side is written to
 * the outbox, and retried on {@link #retries} by AWS's schedule for its own endpoints; one that fails on the client's side (no
 * such queue, access denied, a message the queue refuses) is not, as on AWS. Deliveries to HTTP/S endpoints and Lambda
 * functions go to {@link PushDeliveries}, which makes them after Publish answers. At start, {@link #recover} delivers
 * again whatever the outbox still holds: a delivery may then arrive twice, never not at all.
 *
 * <p>Thread-safe.
 */
final class Deliveries implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Deliveries.class);
    /** How many failed deliveries may wait for a retry at once; beyond it a retry waits for the next start. */
    static final int RETRIES_WAITING_MAX = 100_000;
    /** Attempts of one SQS delivery before it is given up: AWS retries its own endpoints for 23 days. */
    static final int QUEUE_ATTEMPTS_MAX = RetrySchedule.AWS_MANAGED_ENDPOINTS.attempts();
    /** How many SQS deliveries that the outbox held at start run at once. */
    static final int RECOVERY_PARALLELISM = 64;

    private final Outbox outbox;
    private final Topics topics;
    private final QueueDeliveryPort queues;
    private final RecordPutPort firehose;
    private final QueueNotifications notifications;
    private final DeadLetters deadLetters;
    private final PushDeliveries pushes;
    private final ScheduledExecutorService retries;
    private final ExecutorService parallel = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicInteger retriesWaiting = new AtomicInteger();

    Deliveries(
            Outbox outbox,
            Topics topics,
            QueueDeliveryPort queues,
            RecordPutPort firehose,
            QueueNotifications notifications,
            DeadLetters deadLetters,
            PushDeliveries pushes,
            ScheduledExecutorService retries) {
        this.outbox = outbox;
        this.topics = topics;
        this.queues = queues;
        this.firehose = firehose;
        this.notifications = notifications;
        this.deadLetters = deadLetters;
        this.pushes = pushes;
        this.retries = retries;
    }

    /** Whether this server delivers to the subscription's protocol yet. */
    boolean delivers(Subscription subscription) {
        return subscription.protocol().equals("sqs")
                || subscription.protocol().equals("firehose")
                || PushDeliveries.pushes(subscription.protocol());
    }

    /**
     * Makes the first attempt of a message's SQS deliveries before it is in the outbox, in parallel when there are
     * several, and returns once each is durable in its queue or refused.
     *
     * @return the targets the outbox must hold: those outside the server, and the queues whose delivery failed on the
     *     server's side and is retried; those that failed on the client's side went to their dead-letter queues
     */
    List<Subscription> deliverToQueues(SnsRecords.Published published, List<Subscription> targets, TopicCounts counts) {
        List<Subscription> later = new ArrayList<>(targets.size());
        List<Subscription> queued = new ArrayList<>(targets.size());
        for (Subscription subscription : targets) {
            (PushDeliveries.pushes(subscription.protocol()) ? later : queued).add(subscription);
        }
        if (queued.size() == 1) {
            if (!attempt(published, queued.getFirst(), counts)) {
                later.add(queued.getFirst());
            }
            return later;
        }
        List<Future<Boolean>> running = new ArrayList<>(queued.size());
        for (Subscription subscription : queued) {
            running.add(parallel.submit(() -> attempt(published, subscription, counts)));
        }
        for (int i = 0; i < running.size(); i++) {
            boolean done;
            try {
                done = running.get(i).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                done = false;
            } catch (java.util.concurrent.ExecutionException e) {
                LOG.error("an SNS delivery failed unexpectedly; it is retried", e.getCause());
                done = false;
            }
            if (!done) {
                later.add(queued.get(i));
            }
        }
        return later;
    }

    /**
     * Delivers a message that the outbox holds: its endpoint deliveries are indexed to start at once; its SQS
     * deliveries, whose first attempt {@link #deliverToQueues} made, are scheduled for their first retry.
     */
    void start(long sequence, SnsRecords.Published published, List<Subscription> targets) {
        for (int target = 0; target < targets.size(); target++) {
            Subscription subscription = targets.get(target);
            if (PushDeliveries.pushes(subscription.protocol())) {
                pushes.schedule(sequence, target, subscription, published.timestampMillis());
            } else {
                retryLater(sequence, target, subscription, 1);
            }
        }
    }

    /**
     * One attempt of an SQS delivery that is not in the outbox. A delivery that succeeds, or that the queue refuses (SNS
     * gives it up at once), is counted in the topic's figures; one to be retried is not yet.
     *
     * @return false when it failed on the server's side and must be retried
     */
    private boolean attempt(SnsRecords.Published published, Subscription subscription, @Nullable TopicCounts counts) {
        if (subscription.protocol().equals("firehose")) {
            return attemptFirehose(published, subscription, counts);
        }
        QueueDelivery delivery = notifications.delivery(published, subscription, accountOf(published));
        try {
            queues.deliver(delivery);
            if (counts != null) {
                counts.delivered.increment();
            }
            return true;
        } catch (AwsException e) {
            if (e.code().senderFault()) {
                if (counts != null) {
                    counts.failed.increment();
                }
                deadLetter(published, subscription, delivery, e, counts);
                return true;
            }
            return false;
        } catch (RuntimeException e) {
            LOG.warn("delivery to {} failed; it is retried: {}", subscription.endpoint(), e.toString());
            return false;
        }
    }

    /** One attempt of an SQS delivery that the outbox holds, which leaves the outbox unless it is retried. */
    private void attempt(long sequence, int target, SnsRecords.Published published, Subscription subscription, int n) {
        if (attempt(published, subscription, TopicCounts.of(topics, published.topicArn()))) {
            outbox.done(sequence, target);
        } else {
            retryLater(sequence, target, subscription, n + 1);
        }
    }

    /**
     * One attempt of a delivery to a Firehose stream, which AWS retries as it does its other own endpoints: a refusal
     * (no such stream, one that reads a Kinesis stream) goes to the dead-letter queue at once, and a
     * ServiceUnavailableException or an unexpected failure is retried.
     */
    private boolean attemptFirehose(
            SnsRecords.Published published, Subscription subscription, @Nullable TopicCounts counts) {
        String record = notifications.firehoseRecord(published, subscription);
        try {
            firehose.putRecord(subscription.endpoint(), record.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            if (counts != null) {
                counts.delivered.increment();
            }
            return true;
        } catch (AwsException e) {
            if (e.code().senderFault() && !e.code().queryCode().equals("ServiceUnavailableException")) {
                if (counts != null) {
                    counts.failed.increment();
                }
                deadLetters.send(
                        subscription,
                        new DeadLetters.Undelivered(
                                published,
                                record,
                                Map.of(),
                                published.messageGroupId(),
                                e.code().queryCode(),
                                java.util.Objects.requireNonNullElse(e.getMessage(), "")),
                        counts);
                return true;
            }
            return false;
        } catch (RuntimeException e) {
            LOG.warn("delivery to {} failed; it is retried: {}", subscription.endpoint(), e.toString());
            return false;
        }
    }

    static String accountOf(SnsRecords.Published published) {
        return dev.wharf.common.Arn.parse(published.topicArn()).accountId();
    }

    /** Sends what a queue refused to the subscription's dead-letter queue, when it has one. */
    private void deadLetter(
            SnsRecords.Published published,
            Subscription subscription,
            QueueDelivery failed,
            AwsException error,
            @Nullable TopicCounts counts) {
        deadLetters.send(
                subscription,
                new DeadLetters.Undelivered(
                        published,
                        failed.body(),
                        failed.attributes(),
                        failed.messageGroupId(),
                        error.code().queryCode(),
                        java.util.Objects.requireNonNullElse(error.getMessage(), "")),
                counts);
    }

    private void retryLater(long sequence, int target, Subscription subscription, int attempts) {
        if (attempts >= QUEUE_ATTEMPTS_MAX) {
            LOG.warn("gave up delivering to {} after {} attempts", subscription.endpoint(), attempts);
            TopicCounts counts = TopicCounts.of(topics, subscription.topicArn());
            if (counts != null) {
                counts.failed.increment();
            }
            outbox.done(sequence, target);
            return;
        }
        if (retriesWaiting.incrementAndGet() > RETRIES_WAITING_MAX) {
            retriesWaiting.decrementAndGet();
            return;
        }
        Duration delay = retryDelay(attempts);
        retries.schedule(
                () -> {
                    retriesWaiting.decrementAndGet();
                    retry(sequence, target, subscription.arn(), attempts);
                },
                delay.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** AWS's schedule for its own endpoints (SQS among them): 3 immediate retries, then 1 s growing to 20 s. */
    static Duration retryDelay(int attempts) {
        return RetrySchedule.AWS_MANAGED_ENDPOINTS.delayBefore(attempts);
    }

    private void retry(long sequence, int target, String subscriptionArn, int attempts) {
        byte[] payload = outbox.message(sequence);
        Subscription subscription = topics.subscription(subscriptionArn);
        if (payload == null || subscription == null) {
            outbox.done(sequence, target);
            return;
        }
        attempt(sequence, target, SnsRecords.decode(payload, SnsRecords.Published.class), subscription, attempts);
    }

    /**
     * Delivers again everything that the outbox held at start: deliveries to endpoints outside the server are indexed
     * at the time each was due, and SQS deliveries run in the background, at most {@value #RECOVERY_PARALLELISM} at
     * once.
     *
     * @return done when every SQS delivery that the outbox held has had its first attempt
     */
    Future<?> recover() {
        record Stored(long sequence, int target, SnsRecords.Pending pending) {}
        List<Stored> stored = new ArrayList<>();
        Map<Long, Integer> counts = new LinkedHashMap<>();
        outbox.scan((sequence, target, value) -> {
            counts.merge(sequence, 1, Integer::sum);
            stored.add(new Stored(sequence, target, SnsRecords.decode(value, SnsRecords.Pending.class)));
        });
        // Counted before any delivery can end, so that the last one to end takes its message out.
        counts.forEach(outbox::restored);
        Map<Long, List<Integer>> queued = new LinkedHashMap<>();
        Map<Long, List<String>> arns = new LinkedHashMap<>();
        for (Stored delivery : stored) {
            if (!pushes.restore(delivery.sequence(), delivery.target(), delivery.pending())) {
                queued.computeIfAbsent(delivery.sequence(), s -> new ArrayList<>())
                        .add(delivery.target());
                arns.computeIfAbsent(delivery.sequence(), s -> new ArrayList<>())
                        .add(delivery.pending().subscriptionArn());
            }
        }
        if (counts.isEmpty()) {
            return java.util.concurrent.CompletableFuture.completedFuture(null);
        }
        LOG.info("delivering {} SNS messages that the outbox held at start", counts.size());
        java.util.concurrent.Semaphore running = new java.util.concurrent.Semaphore(RECOVERY_PARALLELISM);
        return parallel.submit(() -> {
            for (Map.Entry<Long, List<Integer>> message : queued.entrySet()) {
                long sequence = message.getKey();
                List<String> subscriptionArns = arns.getOrDefault(sequence, List.of());
                for (int i = 0; i < message.getValue().size(); i++) {
                    int target = message.getValue().get(i);
                    String arn = subscriptionArns.get(i);
                    running.acquireUninterruptibly();
                    parallel.submit(() -> {
                        try {
                            retry(sequence, target, arn, 0);
                        } finally {
                            running.release();
                        }
                    });
                }
            }
            // Every permit back: every delivery's first attempt is over.
            running.acquireUninterruptibly(RECOVERY_PARALLELISM);
            running.release(RECOVERY_PARALLELISM);
        });
    }

    @Override
    public void close() {
        parallel.shutdownNow();
    }
}
