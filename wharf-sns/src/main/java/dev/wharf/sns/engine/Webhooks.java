package dev.wharf.sns.engine;

import dev.wharf.common.LogText;
import dev.wharf.sns.engine.delivery.DeliveryLimits;
import dev.wharf.sns.engine.delivery.DeliveryOutcome;
import dev.wharf.sns.engine.delivery.RetrySchedule;
import dev.wharf.sns.engine.endpoint.EndpointRequest;
import dev.wharf.sns.engine.endpoint.EndpointSender;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards what the SMS and push outboxes receive to the configured webhooks: one message at a time per box, in the
 * order the box holds them, each POSTed as {@link SentMessageJson} and retried by AWS's schedule for SMS and mobile
 * push (50 attempts over about 6 hours) until the webhook takes it, refuses it (4xx) or the schedule is spent.
 *
 * <p>The box keeps the number of the last message forwarded, so a restart goes on after it: a message whose forward
 * was not yet recorded is forwarded again (at least once). A message cleared from its box, or dropped at the box's
 * bound, before its turn is not forwarded. One slow or failing webhook delays only its own box.
 *
 * <p>A thread per configured box runs in the background; tests run without it and call {@link #runDue()} against a
 * fake clock. Thread-safe.
 */
final class Webhooks implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Webhooks.class);
    static final RetrySchedule SCHEDULE = RetrySchedule.CUSTOMER_MANAGED_ENDPOINTS;
    /** The longest a forwarder sleeps without looking for work, in case a wake-up is missed. */
    static final long IDLE_WAIT_MAX_MILLIS = 60_000;

    /** One box's forwarder: its place in the box, and the retry state of the message at that place. */
    private final class Forwarder {
        final Outboxes.Kind kind;
        final URI url;
        final Object signal = new Object();
        /** Guarded by {@link #signal}: whether a message was added since the forwarder last looked. */
        boolean added;
        /** Failed attempts of the message at the head; touched only by the one thread that steps. */
        int attempts;
        /** When the head's next attempt is due, in epoch milliseconds. */
        long dueMillis;

        Forwarder(Outboxes.Kind kind, URI url) {
            this.kind = kind;
            this.url = url;
        }

        void wake() {
            synchronized (signal) {
                added = true;
                signal.notifyAll();
            }
        }

        /**
         * Makes the head's next attempt if it is due.
         *
         * @return 0 when a message was done with, -1 when the box has nothing to forward, else when the next attempt
         *     is due
         */
        long step() throws InterruptedException {
            Outboxes.Numbered head = outboxes.nextToForward(kind);
            if (head == null) {
                attempts = 0;
                return -1;
            }
            long now = clock.millis();
            if (attempts > 0 && now < dueMillis) {
                return dueMillis;
            }
            DeliveryOutcome outcome = send(head);
            if (outcome == DeliveryOutcome.SUCCESS) {
                done(head);
                return 0;
            }
            attempts++;
            if (outcome.retried() && attempts < SCHEDULE.attempts()) {
                dueMillis = clock.millis() + SCHEDULE.delayBefore(attempts).toMillis();
                return dueMillis;
            }
            LOG.warn(
                    "gave up forwarding SNS message {} to the {} webhook after {} attempts",
                    head.message().messageId(),
                    kind.name().toLowerCase(java.util.Locale.ROOT),
                    attempts);
            done(head);
            return 0;
        }

        private void done(Outboxes.Numbered head) {
            outboxes.forwarded(kind, head.number());
            attempts = 0;
            dueMillis = 0;
        }

        private DeliveryOutcome send(Outboxes.Numbered head) throws InterruptedException {
            Outboxes.Stored message = head.message();
            byte[] body = (kind == Outboxes.Kind.SMS
                            ? SentMessageJson.sms(message.sent())
                            : SentMessageJson.push(message.sent()))
                    .toString()
                    .getBytes(StandardCharsets.UTF_8);
            SequencedMap<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", "application/json");
            headers.put("User-Agent", EndpointRequests.USER_AGENT);
            headers.put("x-amz-sns-message-id", message.messageId());
            try {
                int status = sender.send(new EndpointRequest(url, headers, body, DeliveryLimits.HTTP_REQUEST_TIMEOUT));
                return DeliveryOutcome.classify(status);
            } catch (IOException e) {
                LOG.debug("the {} webhook failed: {}", kind, LogText.of(String.valueOf(e)));
                return DeliveryOutcome.noAnswer();
            }
        }

        void run() {
            try {
                while (!closed) {
                    long next = step();
                    if (next == 0) {
                        continue;
                    }
                    long wait = next < 0
                            ? IDLE_WAIT_MAX_MILLIS
                            : Math.min(IDLE_WAIT_MAX_MILLIS, Math.max(1, next - clock.millis()));
                    synchronized (signal) {
                        // A message added while the head waits for its retry does not cut the wait short.
                        if (!(added && next < 0)) {
                            signal.wait(wait);
                        }
                        added = false;
                    }
                }
            } catch (InterruptedException e) {
                // Stopping.
            } catch (RuntimeException e) {
                if (!closed) {
                    LOG.error("the SNS {} webhook stopped; it goes on at the next start", kind, e);
                }
            }
        }
    }

    private final Outboxes outboxes;
    private final EndpointSender sender;
    private final Clock clock;
    private final List<Forwarder> forwarders = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean closed;

    /**
     * @param background whether each forwarder runs on its own thread; without it only {@link #runDue()} forwards
     */
    Webhooks(SnsWebhooks webhooks, Outboxes outboxes, EndpointSender sender, Clock clock, boolean background) {
        this.outboxes = outboxes;
        this.sender = sender;
        this.clock = clock;
        add(Outboxes.Kind.SMS, webhooks.sms());
        add(Outboxes.Kind.PUSH, webhooks.push());
        if (background) {
            for (Forwarder forwarder : forwarders) {
                threads.add(Thread.ofVirtual()
                        .name("wharf-sns-webhook-" + forwarder.kind.name().toLowerCase(java.util.Locale.ROOT))
                        .start(forwarder::run));
            }
        }
    }

    private void add(Outboxes.Kind kind, @Nullable URI url) {
        if (url != null) {
            Forwarder forwarder = new Forwarder(kind, url);
            forwarders.add(forwarder);
            outboxes.onAdded(kind, forwarder::wake);
        }
    }

    /** Forwards every message that is due by the clock, until each box is empty or waits for a retry; for tests. */
    void runDue() {
        try {
            for (Forwarder forwarder : forwarders) {
                while (!closed && forwarder.step() == 0) {
                    // The next message.
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        threads.forEach(Thread::interrupt);
    }
}
