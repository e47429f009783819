package dev.wharf.sns.engine;

import dev.wharf.common.LogText;
import dev.wharf.sns.api.TopicAttributeName;
import dev.wharf.sns.engine.delivery.DeliveryLimits;
import dev.wharf.sns.engine.delivery.DeliveryOutcome;
import dev.wharf.sns.engine.delivery.DeliveryPolicy;
import dev.wharf.sns.engine.delivery.EffectiveDeliveryPolicy;
import dev.wharf.sns.engine.delivery.RetrySchedule;
import dev.wharf.sns.engine.delivery.ThrottlePolicy;
import dev.wharf.sns.engine.endpoint.EndpointRequest;
import dev.wharf.sns.engine.endpoint.EndpointSender;
import dev.wharf.sns.engine.endpoint.Mail;
import dev.wharf.sns.engine.endpoint.MailRejectedException;
import dev.wharf.sns.engine.endpoint.MailSender;
import dev.wharf.sns.engine.message.MessageType;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers outbox messages to endpoints outside the server, HTTP/S subscribers, Lambda functions and mail addresses,
 * and the confirmations of HTTP/S and email subscriptions: each attempt at its due time, retried by its subscription's
 * effective delivery policy (AWS's own schedules for Lambda and for mail), its record in the outbox updated after every
 * failure, and what cannot be delivered sent to the subscription's dead-letter queue.
 *
 * <p>{@link DeliveryLanes} decides what may start; a runner thread (when running in the background) starts it on the
 * executor, one virtual thread per request, and sleeps until the next delivery falls due. Tests run without the
 * runner and call {@link #runDue()} against a fake clock. Thread-safe.
 */
final class PushDeliveries implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PushDeliveries.class);
    /** The longest the runner sleeps without looking at the clock, in case it jumps. */
    static final long IDLE_WAIT_MAX_MILLIS = 60_000;
    /** The lane of every mail: the relay's concurrency limit is the endpoint's, shared by all addresses. */
    static final String MAIL_LANE = "smtp:";

    private final Outbox outbox;
    private final Topics topics;
    private final EndpointRequests requests;
    private final EndpointSender sender;
    private final DeadLetters deadLetters;
    private final LambdaFunctions functions;
    private final MailMessages mails;
    private final @Nullable MailSender mailer;
    private final AtomicBoolean reportedNoRelay = new AtomicBoolean();
    private final DeliveryLanes lanes;
    private final Clock clock;
    private final Executor executor;
    private final boolean background;
    private final Object runnerLock = new Object();
    /** Guarded by {@link #runnerLock}. */
    private @Nullable Thread runner;

    private volatile boolean closed;

    PushDeliveries(
            Outbox outbox,
            Topics topics,
            EndpointRequests requests,
            EndpointSender sender,
            DeadLetters deadLetters,
            LambdaFunctions functions,
            MailMessages mails,
            @Nullable MailSender mailer,
            DeliveryLanes lanes,
            Clock clock,
            Executor executor,
            boolean background) {
        this.outbox = outbox;
        this.topics = topics;
        this.requests = requests;
        this.sender = sender;
        this.deadLetters = deadLetters;
        this.functions = functions;
        this.mails = mails;
        this.mailer = mailer;
        this.lanes = lanes;
        this.clock = clock;
        this.executor = executor;
        this.background = background;
    }

    /** Whether deliveries over the protocol go through here. */
    static boolean pushes(String protocol) {
        return protocol.equals("http")
                || protocol.equals("https")
                || protocol.equals("lambda")
                || MailMessages.mails(protocol);
    }

    /** Where an attempt's request goes, for the endpoint's concurrency limit, and the lane's throttle. */
    private record Route(String endpoint, @Nullable ThrottlePolicy throttle) {}

    /** Indexes a notification's delivery to a subscription, due at once, as Publish wrote its record. */
    void schedule(long sequence, int target, Subscription subscription, long dueMillis) {
        offer(sequence, target, MessageType.Notification, 0, dueMillis, subscription.arn(), route(subscription));
    }

    /** Writes a confirmation to the outbox, durably, and indexes it to be sent at once. */
    void handshake(SnsRecords.Handshake handshake) {
        long now = clock.millis();
        long sequence = outbox.put(
                SnsRecords.encode(handshake),
                List.of(new SnsRecords.Pending(handshake.subscriptionArn(), 0, now, handshake.messageType())));
        offer(
                sequence,
                0,
                MessageType.valueOf(handshake.messageType()),
                0,
                now,
                handshake.subscriptionArn(),
                route(handshake));
    }

    /** A confirmation for an HTTP/S subscription, made now, whose SubscribeURL names {@code serviceEndpoint}. */
    SnsRecords.Handshake handshakeFor(
            MessageType type, Subscription subscription, String serviceEndpoint, String signatureVersion) {
        return new SnsRecords.Handshake(
                type.name(),
                UUID.randomUUID().toString(),
                subscription.topicArn(),
                subscription.arn(),
                subscription.protocol(),
                subscription.endpoint(),
                subscription.token(),
                clock.millis(),
                serviceEndpoint,
                signatureVersion,
                subscription.attributes().get(SubscriptionAttributes.DELIVERY_POLICY));
    }

    /**
     * Indexes a delivery record that the outbox held at start, at its due time.
     *
     * @return false when it is not a delivery to an endpoint outside the server
     */
    boolean restore(long sequence, int target, SnsRecords.Pending pending) {
        Route route = routeOf(sequence, pending);
        if (route == null) {
            return false;
        }
        offer(
                sequence,
                target,
                pending.type(),
                pending.attempts(),
                pending.dueMillis(),
                pending.subscriptionArn(),
                route);
        return true;
    }

    /** The route of a stored delivery, or null when it is not an endpoint delivery whose subscription still exists. */
    private @Nullable Route routeOf(long sequence, SnsRecords.Pending pending) {
        if (pending.type() == MessageType.Notification) {
            Subscription subscription = topics.subscription(pending.subscriptionArn());
            return subscription == null || !pushes(subscription.protocol()) ? null : route(subscription);
        }
        byte[] payload = outbox.message(sequence);
        return payload == null ? null : route(SnsRecords.decode(payload, SnsRecords.Handshake.class));
    }

    private Route route(Subscription subscription) {
        if (MailMessages.mails(subscription.protocol())) {
            return new Route(MAIL_LANE, null);
        }
        ThrottlePolicy throttle = subscription.protocol().equals("lambda")
                ? null
                : policy(subscription.topicArn(), subscription.attributes().get(SubscriptionAttributes.DELIVERY_POLICY))
                        .throttlePolicy();
        return new Route(requests.endpointKey(subscription.protocol(), subscription.endpoint()), throttle);
    }

    private Route route(SnsRecords.Handshake handshake) {
        if (MailMessages.mails(handshake.protocol())) {
            return new Route(MAIL_LANE, null);
        }
        return new Route(
                handshake.endpoint(),
                policy(handshake.topicArn(), handshake.deliveryPolicy()).throttlePolicy());
    }

    private void offer(
            long sequence, int target, MessageType type, int attempt, long dueMillis, String arn, Route route) {
        // Refused when the index is full: the record stays in the store, and a rescan indexes it later.
        lanes.offer(sequence, target, type, attempt, dueMillis, arn, route.endpoint(), route.throttle());
        startRunner();
    }

    /** The delivery policy that applies to a subscription of a topic now. */
    private EffectiveDeliveryPolicy policy(String topicArn, @Nullable String subscriptionPolicy) {
        Topic topic = topics.find(topicArn);
        String topicPolicy = null;
        if (topic != null) {
            topic.lock.lock();
            try {
                topicPolicy = topic.attributes.get(TopicAttributeName.DeliveryPolicy.name());
            } finally {
                topic.lock.unlock();
            }
        }
        try {
            return EffectiveDeliveryPolicy.forSubscription(
                    topicPolicy == null || topicPolicy.isEmpty()
                            ? DeliveryPolicy.Topic.EMPTY
                            : DeliveryPolicy.parseTopic(topicPolicy),
                    subscriptionPolicy == null || subscriptionPolicy.isEmpty()
                            ? DeliveryPolicy.Subscription.EMPTY
                            : DeliveryPolicy.parseSubscription(subscriptionPolicy));
        } catch (RuntimeException e) {
            // Policies are checked when they are set; one stored by an older, laxer Wharf falls back to AWS's.
            return EffectiveDeliveryPolicy.HTTP_DEFAULT;
        }
    }

    /** Starts every delivery that may start now, and those that become startable meanwhile; for tests. */
    void runDue() {
        while (!closed) {
            if (lanes.rescanWanted()) {
                rescan();
            }
            List<DeliveryLanes.Due> startable = lanes.takeStartable();
            if (startable.isEmpty()) {
                return;
            }
            startable.forEach(this::launch);
        }
    }

    private void startRunner() {
        if (!background || closed) {
            return;
        }
        synchronized (runnerLock) {
            if (runner == null && !closed) {
                runner = Thread.ofVirtual().name("wharf-sns-deliveries").start(this::run);
            }
        }
    }

    private void run() {
        try {
            while (!closed) {
                if (lanes.rescanWanted()) {
                    rescan();
                }
                List<DeliveryLanes.Due> startable = lanes.takeStartable();
                startable.forEach(this::launch);
                if (startable.isEmpty()) {
                    lanes.awaitWork(IDLE_WAIT_MAX_MILLIS);
                }
            }
        } catch (InterruptedException e) {
            // Stopping.
        } catch (RuntimeException e) {
            if (!closed) {
                LOG.error("SNS's endpoint deliveries stopped; what the outbox holds is delivered at the next start", e);
            }
        }
    }

    private void launch(DeliveryLanes.Due due) {
        try {
            executor.execute(() -> attempt(due));
        } catch (RejectedExecutionException e) {
            // Stopping: the record stays in the outbox for the next start.
            lanes.finished(due);
        }
    }

    /** One attempt of one delivery; it ends the delivery's time in flight whatever happens. */
    void attempt(DeliveryLanes.Due due) {
        try {
            Attempt attempt = prepare(due);
            if (attempt == null) {
                outbox.done(due.sequence, due.target);
            } else {
                conclude(due, attempt, send(attempt));
            }
        } catch (InterruptedException e) {
            // Stopping: the record stays in the outbox, as the last failure left it.
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (!closed) {
                LOG.warn(
                        "an SNS delivery to {} failed unexpectedly; the next start delivers it again",
                        LogText.of(due.subscriptionArn()),
                        e);
            }
        } finally {
            lanes.finished(due);
        }
    }

    /**
     * What one attempt sends, and what follows it.
     *
     * @param request the request, or null when it cannot be made (a function without an invoke URL, an endpoint that
     *     is not a URL): a client-side failure
     * @param invoke whether the endpoint is a Lambda function, whose answers mean what Lambda's Invoke API means
     * @param published the notification, or null for a confirmation (which has no dead-letter queue)
     * @param mail the mail to send instead of a request, for email and email-json subscriptions
     */
    private record Attempt(
            @Nullable EndpointRequest request,
            @Nullable Mail mail,
            boolean invoke,
            RetrySchedule schedule,
            int attempts,
            @Nullable Subscription subscription,
            SnsRecords.@Nullable Published published,
            @Nullable Failure unsendable) {}

    /** Why an attempt failed, as the dead-letter message's attributes say it. */
    private record Failure(DeliveryOutcome outcome, String errorCode, String errorMessage) {}

    /** The attempt's request, or null when there is nothing left to deliver (the subscription or message is gone). */
    private @Nullable Attempt prepare(DeliveryLanes.Due due) {
        byte[] payload = outbox.message(due.sequence);
        if (payload == null) {
            return null;
        }
        if (due.type == MessageType.Notification) {
            Subscription subscription = topics.subscription(due.subscriptionArn());
            if (subscription == null) {
                return null;
            }
            return notification(SnsRecords.decode(payload, SnsRecords.Published.class), subscription);
        }
        SnsRecords.Handshake handshake = SnsRecords.decode(payload, SnsRecords.Handshake.class);
        String subscriptionPolicy = handshake.deliveryPolicy();
        if (due.type == MessageType.SubscriptionConfirmation) {
            Subscription subscription = topics.subscription(handshake.subscriptionArn());
            if (subscription == null || subscription.confirmed()) {
                return null;
            }
            subscriptionPolicy = subscription.attributes().get(SubscriptionAttributes.DELIVERY_POLICY);
        }
        if (MailMessages.mails(handshake.protocol())) {
            return mailAttempt(mails.confirmation(handshake), null, null);
        }
        EffectiveDeliveryPolicy policy = policy(handshake.topicArn(), subscriptionPolicy);
        lanes.throttle(due.subscriptionArn(), policy.throttlePolicy());
        try {
            return new Attempt(
                    requests.confirmation(handshake),
                    null,
                    false,
                    policy.schedule(),
                    httpAttempts(policy),
                    null,
                    null,
                    null);
        } catch (IllegalArgumentException e) {
            return new Attempt(null, null, false, policy.schedule(), 1, null, null, invalidEndpoint(e));
        }
    }

    private Attempt notification(SnsRecords.Published published, Subscription subscription) {
        if (MailMessages.mails(subscription.protocol())) {
            return mailAttempt(mails.notification(published, subscription), subscription, published);
        }
        if (subscription.protocol().equals("lambda")) {
            RetrySchedule schedule = RetrySchedule.AWS_MANAGED_ENDPOINTS;
            EndpointRequest request = requests.invocation(published, subscription);
            Failure unmapped = null;
            if (request == null) {
                functions.reportUnmapped(subscription.endpoint());
                unmapped = new Failure(
                        DeliveryOutcome.PERMANENT_FAILURE,
                        "ResourceNotFoundException",
                        "Function not found: " + subscription.endpoint());
            }
            return new Attempt(request, null, true, schedule, schedule.attempts(), subscription, published, unmapped);
        }
        EffectiveDeliveryPolicy policy =
                policy(subscription.topicArn(), subscription.attributes().get(SubscriptionAttributes.DELIVERY_POLICY));
        lanes.throttle(subscription.arn(), policy.throttlePolicy());
        try {
            return new Attempt(
                    requests.notification(published, subscription, policy),
                    null,
                    false,
                    policy.schedule(),
                    httpAttempts(policy),
                    subscription,
                    published,
                    null);
        } catch (IllegalArgumentException e) {
            return new Attempt(null, null, false, policy.schedule(), 1, subscription, published, invalidEndpoint(e));
        }
    }

    /** A mail, sent on AWS's fixed schedule for SMTP; without a configured relay it cannot be sent at all. */
    private Attempt mailAttempt(
            Mail mail, @Nullable Subscription subscription, SnsRecords.@Nullable Published published) {
        RetrySchedule schedule = RetrySchedule.CUSTOMER_MANAGED_ENDPOINTS;
        Failure unsendable = null;
        if (mailer == null) {
            if (!reportedNoRelay.getAndSet(true)) {
                LOG.warn("SNS has mails to send, but no SMTP relay is configured (sns.smtp or WHARF_SNS_SMTP_HOST);"
                        + " they are given up");
            }
            unsendable = new Failure(
                    DeliveryOutcome.PERMANENT_FAILURE, "NoMailRelay", "No SMTP relay is configured for SNS's mails");
        }
        return new Attempt(null, mail, false, schedule, schedule.attempts(), subscription, published, unsendable);
    }

    /** HTTP/S retries stop once they have waited AWS's hard limit of an hour, whatever the policy asks. */
    private static int httpAttempts(EffectiveDeliveryPolicy policy) {
        return policy.schedule().attemptsWithin(DeliveryLimits.HTTP_RETRY_TIME_MAX);
    }

    private static Failure invalidEndpoint(IllegalArgumentException e) {
        return new Failure(
                DeliveryOutcome.PERMANENT_FAILURE, "InvalidEndpoint", LogText.of(String.valueOf(e.getMessage())));
    }

    /** Sends the attempt's request; null when it was delivered. */
    private @Nullable Failure send(Attempt attempt) throws InterruptedException {
        Mail mail = attempt.mail();
        if (mail != null && mailer != null && attempt.unsendable() == null) {
            return sendMail(mailer, mail);
        }
        EndpointRequest request = attempt.request();
        if (request == null) {
            return attempt.unsendable();
        }
        try {
            int status = sender.send(request);
            DeliveryOutcome outcome =
                    attempt.invoke() ? DeliveryOutcome.classifyInvoke(status) : DeliveryOutcome.classify(status);
            return outcome == DeliveryOutcome.SUCCESS
                    ? null
                    : new Failure(outcome, Integer.toString(status), "The endpoint answered HTTP status " + status);
        } catch (HttpTimeoutException e) {
            return new Failure(
                    DeliveryOutcome.noAnswer(),
                    "RequestTimeout",
                    "No answer within " + request.timeout().toSeconds() + " seconds");
        } catch (IOException e) {
            return new Failure(DeliveryOutcome.noAnswer(), "EndpointUnreachable", LogText.of(String.valueOf(e)));
        }
    }

    private static @Nullable Failure sendMail(MailSender mailer, Mail mail) throws InterruptedException {
        try {
            mailer.send(mail);
            return null;
        } catch (MailRejectedException e) {
            return new Failure(
                    DeliveryOutcome.PERMANENT_FAILURE, "MailRejected", LogText.of(String.valueOf(e.getMessage())));
        } catch (IOException e) {
            return new Failure(
                    DeliveryOutcome.noAnswer(), "MailRelayUnavailable", LogText.of(String.valueOf(e.getMessage())));
        }
    }

    /**
     * Acts on an attempt's outcome: done, retried later, or given up. A notification's end is counted in its topic's
     * figures, as AWS counts it: a failure to an HTTP/S endpoint at every attempt, to the other protocols once given up.
     */
    private void conclude(DeliveryLanes.Due due, Attempt attempt, @Nullable Failure failure) {
        Subscription notified = attempt.subscription();
        TopicCounts counts =
                notified == null || attempt.published() == null ? null : TopicCounts.of(topics, notified.topicArn());
        if (failure == null) {
            if (counts != null) {
                counts.delivered.increment();
            }
            outbox.done(due.sequence, due.target);
            return;
        }
        boolean everyAttemptCounts = notified != null && notified.protocol().startsWith("http");
        if (counts != null && everyAttemptCounts) {
            counts.failed.increment();
        }
        int next = due.attempt + 1;
        if (failure.outcome().retried() && next < attempt.attempts()) {
            long dueMillis =
                    clock.millis() + attempt.schedule().delayBefore(next).toMillis();
            String type = due.type == MessageType.Notification ? null : due.type.name();
            outbox.update(
                    due.sequence, due.target, new SnsRecords.Pending(due.subscriptionArn(), next, dueMillis, type));
            DeliveryLanes.Lane lane = due.lane;
            lanes.offer(
                    due.sequence,
                    due.target,
                    due.type,
                    next,
                    dueMillis,
                    due.subscriptionArn(),
                    lane.endpoint.key,
                    lane.throttle);
            return;
        }
        LOG.debug(
                "gave up an SNS delivery to {} after {} attempts: {} {}",
                LogText.of(due.subscriptionArn()),
                next,
                failure.errorCode(),
                failure.errorMessage());
        if (counts != null && !everyAttemptCounts) {
            counts.failed.increment();
        }
        giveUp(due, attempt, failure, counts);
    }

    /** Sends a notification that will not be delivered to its subscription's dead-letter queue, and ends it. */
    private void giveUp(DeliveryLanes.Due due, Attempt attempt, Failure failure, @Nullable TopicCounts counts) {
        Subscription subscription = attempt.subscription();
        SnsRecords.Published published = attempt.published();
        if (subscription != null && published != null) {
            String body = subscription.protocol().equals("lambda")
                    ? requests.lambdaEvent(published, subscription)
                    : MailMessages.mails(subscription.protocol())
                            ? mails.text(published, subscription)
                            : requests.httpBody(published, subscription);
            deadLetters.send(
                    subscription,
                    new DeadLetters.Undelivered(
                            published,
                            body,
                            Map.of(),
                            published.messageGroupId(),
                            failure.errorCode(),
                            failure.errorMessage()),
                    counts);
        }
        outbox.done(due.sequence, due.target);
    }

    /**
     * Indexes deliveries that stayed in the store only while the index was full: one scan of the outbox's delivery
     * records, after every write submitted before it is durable (so that none already done is seen again).
     */
    private void rescan() {
        Set<DeliveryLanes.Key> known = lanes.beginRescan();
        boolean complete = false;
        try {
            outbox.awaitSubmitted();
            record Found(long sequence, int target, SnsRecords.Pending pending) {}
            List<Found> found = new ArrayList<>();
            int room = Math.max(0, lanes.capacity() - lanes.indexed());
            boolean[] more = {false};
            outbox.scan((sequence, target, value) -> {
                if (known.contains(new DeliveryLanes.Key(sequence, target))) {
                    return;
                }
                SnsRecords.Pending pending = SnsRecords.decode(value, SnsRecords.Pending.class);
                if (pending.type() == MessageType.Notification) {
                    Subscription subscription = topics.subscription(pending.subscriptionArn());
                    if (subscription == null || !pushes(subscription.protocol())) {
                        return;
                    }
                }
                if (found.size() >= room) {
                    more[0] = true;
                } else {
                    found.add(new Found(sequence, target, pending));
                }
            });
            boolean all = !more[0];
            for (Found delivery : found) {
                Route route = routeOf(delivery.sequence(), delivery.pending());
                if (route != null
                        && !lanes.offerRescanned(
                                delivery.sequence(),
                                delivery.target(),
                                delivery.pending().type(),
                                delivery.pending().attempts(),
                                delivery.pending().dueMillis(),
                                delivery.pending().subscriptionArn(),
                                route.endpoint(),
                                route.throttle())) {
                    all = false;
                }
            }
            complete = all;
        } finally {
            lanes.endRescan(complete);
        }
    }

    @Override
    public void close() {
        closed = true;
        Thread current;
        synchronized (runnerLock) {
            current = runner;
        }
        if (current != null) {
            current.interrupt();
        }
        lanes.wake();
        sender.close();
        if (mailer != null) {
            mailer.close();
        }
    }
}
