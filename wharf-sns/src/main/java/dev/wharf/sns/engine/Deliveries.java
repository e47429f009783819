package dev.wharf.sns.engine;

import dev.wharf.common.AwsException;
import dev.wharf.sns.engine.delivery.RetrySchedule;
import dev.wharf.sqs.api.QueueDelivery;
import dev.wharf.sqs.api.QueueDeliveryPort;
import dev.wharf.storage.DeliveryBatch;
import dev.wharf.storage.DeliveryStore;
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
 * subscribed queue when Publish answers; their store commits share fsync groups. A delivery that fails on the server's
 * side is retried on {@link #retries} by AWS's schedule for its own endpoints; one that fails on the client's side (no
 * such queue, access denied, a message the queue refuses) is not, as on AWS. At start, {@link #recover} delivers again
 * whatever the outbox still holds: a delivery may then arrive twice, never not at all.
 *
 * <p>Thread-safe.
 */
final class Deliveries implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Deliveries.class);
    /** How many failed deliveries may wait for a retry at once; beyond it a retry waits for the next start. */
    static final int RETRIES_WAITING_MAX = 100_000;
    /** Attempts of one SQS delivery before it is given up: AWS retries its own endpoints for 23 days. */
    static final int QUEUE_ATTEMPTS_MAX = RetrySchedule.AWS_MANAGED_ENDPOINTS.attempts();
    /** How many deliveries that the outbox held at start run at once. */
    static final int RECOVERY_PARALLELISM = 64;

    private final DeliveryStore outbox;
    private final Topics topics;
    private final QueueDeliveryPort queues;
    private final QueueNotifications notifications;
    private final ScheduledExecutorService retries;
    private final ExecutorService parallel = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicInteger retriesWaiting = new AtomicInteger();
    /** How many targets of each outbox message are not done yet; the message goes when the last one is. */
    private final Map<Long, AtomicInteger> remaining = new java.util.concurrent.ConcurrentHashMap<>();

    Deliveries(
            DeliveryStore outbox,
            Topics topics,
            QueueDeliveryPort queues,
            QueueNotifications notifications,
            ScheduledExecutorService retries) {
        this.outbox = outbox;
        this.topics = topics;
        this.queues = queues;
        this.notifications = notifications;
        this.retries = retries;
    }

    /** Whether this server delivers to the subscription's protocol yet. */
    boolean delivers(Subscription subscription) {
        return subscription.protocol().equals("sqs");
    }

    /** Delivers a message that the outbox holds, returning once its SQS deliveries are done or waiting for a retry. */
    void start(long sequence, SnsRecords.Published published, List<Subscription> targets) {
        remaining.put(sequence, new AtomicInteger(targets.size()));
        if (targets.size() == 1) {
            attempt(sequence, 0, published, targets.getFirst(), 0);
            return;
        }
        List<Future<?>> running = new ArrayList<>(targets.size());
        for (int target = 0; target < targets.size(); target++) {
            int index = target;
            running.add(parallel.submit(() -> attempt(sequence, index, published, targets.get(index), 0)));
        }
        for (Future<?> future : running) {
            try {
                future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (java.util.concurrent.ExecutionException e) {
                LOG.error("an SNS delivery failed unexpectedly", e.getCause());
            }
        }
    }

    private void attempt(long sequence, int target, SnsRecords.Published published, Subscription subscription, int n) {
        QueueDelivery delivery = notifications.delivery(published, subscription, accountOf(published));
        try {
            queues.deliver(delivery);
            done(sequence, target);
        } catch (AwsException e) {
            if (e.code().senderFault()) {
                deadLetter(published, subscription, delivery, e);
                done(sequence, target);
            } else {
                retryLater(sequence, target, subscription, n + 1);
            }
        } catch (RuntimeException e) {
            LOG.warn("delivery to {} failed; it is retried: {}", subscription.endpoint(), e.toString());
            retryLater(sequence, target, subscription, n + 1);
        }
    }

    private static String accountOf(SnsRecords.Published published) {
        return dev.wharf.common.Arn.parse(published.topicArn()).accountId();
    }

    /** Sends what could not be delivered to the subscription's dead-letter queue, when it has one. */
    private void deadLetter(
            SnsRecords.Published published, Subscription subscription, QueueDelivery failed, AwsException error) {
        String target = SubscriptionAttributes.deadLetterTarget(subscription.attributes());
        if (target == null) {
            LOG.debug("dropped an undeliverable SNS message for {}: {}", subscription.arn(), error.getMessage());
            return;
        }
        Map<String, dev.wharf.sqs.api.MessageAttributeValue> attributes = new LinkedHashMap<>(failed.attributes());
        attributes.put(
                "ErrorCode",
                dev.wharf.sqs.api.MessageAttributeValue.ofString(
                        "String", error.code().queryCode()));
        attributes.put(
                "ErrorMessage",
                dev.wharf.sqs.api.MessageAttributeValue.ofString(
                        "String", java.util.Objects.requireNonNullElse(error.getMessage(), "")));
        attributes.put("TopicArn", dev.wharf.sqs.api.MessageAttributeValue.ofString("String", published.topicArn()));
        try {
            queues.deliver(new QueueDelivery(
                    target,
                    published.topicArn(),
                    accountOf(published),
                    failed.senderId(),
                    failed.body(),
                    attributes,
                    failed.messageGroupId(),
                    target.endsWith(".fifo") ? published.messageDeduplicationId() : null));
        } catch (AwsException e) {
            LOG.warn(
                    "the dead-letter queue {} of {} refused a message: {}", target, subscription.arn(), e.getMessage());
        }
    }

    private void retryLater(long sequence, int target, Subscription subscription, int attempts) {
        if (attempts >= QUEUE_ATTEMPTS_MAX) {
            LOG.warn("gave up delivering to {} after {} attempts", subscription.endpoint(), attempts);
            done(sequence, target);
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
        byte[] payload = outbox.readMessage(sequence);
        Subscription subscription = find(subscriptionArn);
        if (payload == null || subscription == null) {
            done(sequence, target);
            return;
        }
        attempt(sequence, target, SnsRecords.decode(payload, SnsRecords.Published.class), subscription, attempts);
    }

    private @Nullable Subscription find(String subscriptionArn) {
        int colon = subscriptionArn.lastIndexOf(':');
        Topic topic = colon < 0 ? null : topics.find(subscriptionArn.substring(0, colon));
        if (topic == null) {
            return null;
        }
        for (Subscription subscription : topic.subscriptions) {
            if (subscription.arn().equals(subscriptionArn)) {
                return subscription;
            }
        }
        return null;
    }

    /** Takes a delivery out of the outbox, and the message with its last delivery; not waited for. */
    private void done(long sequence, int target) {
        AtomicInteger left = remaining.get(sequence);
        DeliveryBatch batch = new DeliveryBatch();
        if (left != null && left.decrementAndGet() == 0) {
            remaining.remove(sequence);
            batch.deleteMessage(sequence);
        } else {
            batch.deleteDelivery(sequence, target);
        }
        // A crash before this is durable delivers the message again at the next start: at least once.
        outbox.submit(batch);
    }

    /**
     * Delivers again, in the background, everything that the outbox held at start.
     *
     * @return done when every delivery that the outbox held has had its first attempt
     */
    Future<?> recover() {
        Map<Long, List<Integer>> targets = new LinkedHashMap<>();
        Map<Long, List<String>> arns = new LinkedHashMap<>();
        outbox.scanDeliveries((sequence, target, value) -> {
            targets.computeIfAbsent(sequence, s -> new ArrayList<>()).add(target);
            arns.computeIfAbsent(sequence, s -> new ArrayList<>())
                    .add(SnsRecords.decode(value, SnsRecords.Pending.class).subscriptionArn());
        });
        if (targets.isEmpty()) {
            return java.util.concurrent.CompletableFuture.completedFuture(null);
        }
        LOG.info("delivering {} SNS messages that the outbox held at start", targets.size());
        java.util.concurrent.Semaphore running = new java.util.concurrent.Semaphore(RECOVERY_PARALLELISM);
        return parallel.submit(() -> {
            for (Map.Entry<Long, List<Integer>> message : targets.entrySet()) {
                long sequence = message.getKey();
                remaining.put(sequence, new AtomicInteger(message.getValue().size()));
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
